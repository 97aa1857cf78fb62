/// What changed in a built file, for `chiso build --check --diff`: one hunk from the first differing
/// line to the last, with context, in unified-diff style, cut at `maxLines` lines.
package enum SiteDiff {
    package static func unified(old: String, new: String, path: String, context: Int = 2, maxLines: Int = 40) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let start = max(0, prefix - context)
        let oldEnd = min(a.count, a.count - suffix + context), newEnd = min(b.count, b.count - suffix + context)
        var lines = ["--- \(path) (in the folder)", "+++ \(path) (as built)",
                     "@@ -\(start + 1),\(oldEnd - start) +\(start + 1),\(newEnd - start) @@"]
        var body: [String] = []
        for line in a[start..<prefix] { body.append(" " + line) }
        for line in a[prefix..<(a.count - suffix)] { body.append("-" + line) }
        for line in b[prefix..<(b.count - suffix)] { body.append("+" + line) }
        for line in a[(a.count - suffix)..<oldEnd] { body.append(" " + line) }
        if body.count > maxLines {
            let more = body.count - maxLines
            body = Array(body.prefix(maxLines)) + ["… \(more) more line\(more == 1 ? "" : "s")"]
        }
        // Long lines (a whole SVG path) are cut too, so the log stays readable.
        lines += body.map { $0.count > 300 ? String($0.prefix(300)) + "…" : $0 }
        return lines.joined(separator: "\n")
    }
}
