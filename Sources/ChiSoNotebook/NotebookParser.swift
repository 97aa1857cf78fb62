import ChiSoCore
import ChiSoReport
import ChiSoStore

/// Splits a notebook's text into front matter, Markdown and executable blocks.
public enum NotebookParser {
    public static func parse(_ text: String, path: String) throws(NotebookError) -> Notebook {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        var i = 0
        var title = ""
        var language = Language.vi
        var parameters: [(String, String)] = []
        if lines.first?.trimmingCharacters(in: .whitespaces) == "---" {
            guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
                throw NotebookError(path: path, line: 1, message: "front matter opened with --- is never closed; end it with a line holding only ---")
            }
            let yaml = lines[1..<end].joined(separator: "\n")
            let loaded: Any?
            do { loaded = try SafeYAML.load(yaml) } catch let problem as SafeYAML.Problem {
                throw NotebookError(path: path, line: 1 + problem.line, message: "front matter: \(problem.message)")
            } catch {
                throw NotebookError(path: path, line: 2, message: "front matter is not valid YAML: \(error)")
            }
            let matter = loaded as? [String: Any] ?? [:]
            title = (matter["title"]).map { "\($0)" } ?? ""
            if let lang = matter["lang"] {
                guard let l = Language(rawValue: "\(lang)") else {
                    throw NotebookError(path: path, line: line(of: "lang", in: lines, before: end), message: "lang \"\(lang)\" is not vi or en")
                }
                language = l
            }
            if let params = matter["params"] {
                guard let map = params as? [String: Any] else {
                    throw NotebookError(path: path, line: line(of: "params", in: lines, before: end), message: "params must be a map of names to default values, e.g.\n  province: Phú Yên\n  year: 2021")
                }
                parameters = map.keys.sorted().map { ($0, scalar(map[$0]!)) }
            }
            i = end + 1
        }

        var parts: [NotebookPart] = []
        var markdown: [String] = []
        var markdownStart = i + 1
        func flushMarkdown() {
            let text = markdown.joined(separator: "\n")
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { parts.append(.markdown(text, line: markdownStart)) }
            markdown = []
        }
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") else {
                if markdown.isEmpty { markdownStart = i + 1 }
                markdown.append(line); i += 1; continue
            }
            let fence = String(trimmed.prefix { $0 == "`" || $0 == "~" })
            let info = trimmed.dropFirst(fence.count).split(separator: " ").map(String.init)
            guard let end = lines[(i + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(fence) && $0.trimmingCharacters(in: .whitespaces).allSatisfy { $0 == fence.first } }) else {
                throw NotebookError(path: path, line: i + 1, message: "code block opened with \(fence) is never closed; end it with a line holding only \(fence)")
            }
            let body = lines[(i + 1)..<end].joined(separator: "\n")
            let startLine = i + 1
            switch info.first {
            case "sql":
                flushMarkdown()
                guard info.count >= 2, info[1] != "hide" else {
                    throw NotebookError(path: path, line: startLine, message: "an sql block needs a name, e.g. ```sql pci; later blocks and {{ pci.rank }} refer to it")
                }
                parts.append(.sql(name: info[1], sql: body, hidden: info.dropFirst(2).contains("hide"), line: startLine))
            case "chart":
                flushMarkdown()
                parts.append(.chart(try chartSpec(body, path: path, line: startLine), line: startLine))
            case "chiso":
                flushMarkdown()
                guard info.count >= 2, ["changes", "ranks", "service-index"].contains(info[1]) else {
                    throw NotebookError(path: path, line: startLine, message: "unknown chiso block \"\(info.dropFirst().joined(separator: " "))\"; use ```chiso changes, ```chiso ranks or ```chiso service-index")
                }
                parts.append(.command(name: info[1], options: try options(body, path: path, line: startLine), line: startLine))
            default:
                if markdown.isEmpty { markdownStart = startLine }
                markdown += lines[i...end]
            }
            i = end + 1
        }
        flushMarkdown()
        return Notebook(path: path, title: title, language: language, parameters: parameters, parts: parts)
    }

    package static func options(_ body: String, path: String, line: Int) throws(NotebookError) -> [String: String] {
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [:] }
        let loaded: Any?
        do { loaded = try SafeYAML.load(body) } catch let problem as SafeYAML.Problem {
            throw NotebookError(path: path, line: line + problem.line, message: "block settings: \(problem.message)")
        } catch {
            throw NotebookError(path: path, line: line, message: "block settings are not valid YAML (write key: value lines): \(error)")
        }
        guard let map = loaded as? [String: Any] else {
            throw NotebookError(path: path, line: line, message: "block settings must be key: value lines")
        }
        return map.mapValues(scalar)
    }

    package static func chartSpec(_ body: String, path: String, line: Int) throws(NotebookError) -> ChartSpec {
        let o = try options(body, path: path, line: line)
        let known: Set = ["type", "data", "x", "y", "series", "title", "description", "inverted"]
        if let unknown = o.keys.sorted().first(where: { !known.contains($0) }) {
            throw NotebookError(path: path, line: line, message: "unknown chart setting \"\(unknown)\"; settings are \(known.sorted().joined(separator: ", "))")
        }
        guard let kind = Chart.Kind(rawValue: o["type"] ?? "line") else {
            throw NotebookError(path: path, line: line, message: "chart type \"\(o["type"]!)\" is not line, bump or bar")
        }
        for key in ["data", "x", "y"] where o[key] == nil {
            throw NotebookError(path: path, line: line, message: "a chart needs \(key): (data: the sql block's name, x: and y: its columns)")
        }
        var inverted: Bool?
        if let text = o["inverted"] {
            guard let value = ["true": true, "yes": true, "false": false, "no": false][text.lowercased()] else {
                throw NotebookError(path: path, line: line, message: "inverted: \"\(text)\" is not true or false")
            }
            inverted = value
        }
        return ChartSpec(kind: kind, data: o["data"]!, x: o["x"]!, y: o["y"]!, series: o["series"], title: o["title"],
                         description: o["description"], inverted: inverted)
    }

    private static func scalar(_ value: Any) -> String {
        if let d = value as? Double, d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(value)"
    }

    private static func line(of key: String, in lines: [String], before end: Int) -> Int {
        (lines[..<end].firstIndex { $0.hasPrefix(key + ":") } ?? 0) + 1
    }
}
