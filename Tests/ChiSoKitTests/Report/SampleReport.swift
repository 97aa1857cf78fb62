import ChiSoKit

/// A realistic report, built by hand the way the lead's report builder will: Phú Yên's PCI 2021.
/// Numbers are copied from /work/shared/data (pci_2005_2021.csv, pci_subindices_2006_2021.csv,
/// press_baophuyen_2022.csv); 2020 ranks are missing there, so the charts have real gaps.
enum SampleReport {
    static let years = (2006...2021).map(String.init)

    /// PCI rank of Phú Yên, 2006–2021; 2020 not stated by the sources, 2021 from Báo Phú Yên.
    static let phuYenRanks: [Double?] = [21, 23, 39, 49, 31, 50, 52, 51, 47, 55, 51, 47, 51, 43, nil, 35]
    static let phuYenScores: [Double?] = [
        54.928383, 57.86858, 51.23663, 54.76517, 58.179443, 55.15, 53.36302, 54.48464,
        56.43548, 56.146896, 56.929348, 60.59269, 61.690723, 64.143776, 62.842781, 64.17482,
    ]

    static let peerYears = (2012...2021).map(String.init)
    static let peers: [ChartSeries] = [
        ChartSeries(name: "Bình Định", values: [4, 18, 17, 20, 18, 18, 20, 19, nil, 11]),
        ChartSeries(name: "Khánh Hòa", values: [24, 34, 16, 27, 24, 23, 17, 29, nil, nil]),
        ChartSeries(name: "Quảng Ngãi", values: [27, 7, 20, 15, 26, 25, 41, 41, nil, nil]),
        ChartSeries(name: "Phú Yên", values: [52, 51, 47, 55, 51, 47, 51, 43, nil, 35], emphasized: true),
    ]

    static let peerScores: [ChartSeries] = [
        ChartSeries(name: "Bình Định", values: [63.05907, 59.36783, 59.71678, 59.232002, 60.236008, 64.082603, 64.041046, 66.561478, 63.177307, 68.316589]),
        ChartSeries(name: "Khánh Hòa", values: [58.81687, 57.4857, 59.78225, 58.68848, 59.588234, 63.36496, 64.4244, 65.368332, 63.982479, 63.108658]),
        ChartSeries(name: "Quảng Ngãi", values: [58.32806, 62.5998, 59.54774, 59.695045, 59.046387, 63.15889, 62.402298, 64.332199, 63.203648, 62.965046]),
        ChartSeries(name: "Phú Yên", values: [53.36302, 54.48464, 56.43548, 56.146896, 56.929348, 60.59269, 61.690723, 64.143776, 62.842781, 64.17482], emphasized: true),
    ]

    /// (Vietnamese name, English name, 2020 score, 2021 score)
    static let components: [(vi: String, en: String, y2020: Double, y2021: Double)] = [
        ("Gia nhập thị trường", "Entry costs", 8.393952, 7.447754),
        ("Tiếp cận đất đai", "Land access", 6.456437, 6.325144),
        ("Tính minh bạch", "Transparency", 5.91485, 5.121827),
        ("Chi phí thời gian", "Time costs", 7.345042, 7.741126),
        ("Chi phí không chính thức", "Informal charges", 6.979944, 7.452574),
        ("Cạnh tranh bình đẳng", "Policy bias", 7.176837, 5.24456),
        ("Tính năng động của chính quyền tỉnh", "Proactivity", 6.824578, 6.473166),
        ("Dịch vụ hỗ trợ doanh nghiệp", "Business support services", 5.255019, 7.346188),
        ("Đào tạo lao động", "Labour training", 5.942382, 5.950738),
        ("Thiết chế pháp lý & An ninh trật tự", "Legal institutions & security", 7.079817, 6.537723),
    ]

    static func trend(_ change: Double, places: Int) -> ReportBlock.Trend {
        let shown = NumberFormat.signed(change, places: places, .en)
        if shown.hasPrefix("+") { return .up }
        if shown.hasPrefix(NumberFormat.minusSign) { return .down }
        return .flat
    }

    static func document(_ lang: Language) -> ReportDocument {
        let vi = lang == .vi
        let score2021 = 64.17482, score2020 = 62.842781
        let scoreChange = score2021 - score2020
        let points = vi ? "điểm" : "points"

        let rankChart = Chart(
            kind: .line,
            title: vi ? "Thứ hạng PCI của Phú Yên, 2006–2021" : "Phú Yên's PCI rank, 2006–2021",
            description: vi
                ? "Thứ hạng PCI của Phú Yên từ 2006 đến 2021 (1 là cao nhất). Tỉnh đứng thứ 21 năm 2006, xuống nhóm cuối trong các năm 2011–2018 (thấp nhất: thứ 55 năm 2015), rồi lên thứ 43 năm 2019 và thứ 35 năm 2021. Không có số liệu thứ hạng năm 2020."
                : "Phú Yên's PCI rank from 2006 to 2021 (1 is best). 21st in 2006, near the bottom in 2011–2018 (lowest: 55th in 2015), then 43rd in 2019 and 35th in 2021. No rank is available for 2020.",
            xLabels: years,
            xAxisLabel: vi ? "Năm" : "Year",
            series: [ChartSeries(name: "Phú Yên", values: phuYenRanks)],
            yAxis: ChartAxis(label: vi ? "Thứ hạng (1 = cao nhất)" : "Rank (1 = best)", inverted: true, domain: 1...64, style: .number(places: 0)),
            language: lang)

        let scoreChart = Chart(
            kind: .line,
            title: vi ? "Điểm PCI của Phú Yên, 2006–2021" : "Phú Yên's PCI score, 2006–2021",
            description: vi
                ? "Điểm PCI của Phú Yên dao động quanh 51–58 điểm đến năm 2016, rồi tăng lên 64,14 năm 2019 và 64,17 năm 2021."
                : "Phú Yên's PCI score stayed between 51 and 58 points until 2016, then rose to 64.14 in 2019 and 64.17 in 2021.",
            xLabels: years,
            xAxisLabel: vi ? "Năm" : "Year",
            series: [ChartSeries(name: "Phú Yên", values: phuYenScores)],
            yAxis: ChartAxis(label: vi ? "Điểm PCI" : "PCI score", style: .number(places: 2)),
            language: lang)

        let bumpChart = Chart(
            kind: .bump,
            title: vi ? "Thứ hạng PCI: Phú Yên và các tỉnh lân cận, 2012–2021" : "PCI rank: Phú Yên and its neighbours, 2012–2021",
            description: vi
                ? "Thứ hạng PCI của Phú Yên, Bình Định, Khánh Hòa và Quảng Ngãi từ 2012 đến 2021. Phú Yên xếp sau cả ba tỉnh trong mọi năm có số liệu; năm 2021 Bình Định thứ 11, Phú Yên thứ 35. Năm 2020 (cả bốn tỉnh) và năm 2021 (Khánh Hòa, Quảng Ngãi) không có số liệu thứ hạng."
                : "PCI ranks of Phú Yên, Bình Định, Khánh Hòa and Quảng Ngãi from 2012 to 2021. Phú Yên ranks below all three in every year with data; in 2021 Bình Định was 11th and Phú Yên 35th. Ranks are missing for 2020 (all four) and 2021 (Khánh Hòa, Quảng Ngãi).",
            xLabels: peerYears,
            xAxisLabel: vi ? "Năm" : "Year",
            series: peers,
            yAxis: ChartAxis(label: vi ? "Thứ hạng (1 = cao nhất)" : "Rank (1 = best)", inverted: true, domain: 1...63, style: .number(places: 0)),
            language: lang)

        let peerScoreChart = Chart(
            kind: .line,
            title: vi ? "Điểm PCI: Phú Yên và các tỉnh lân cận, 2012–2021" : "PCI score: Phú Yên and its neighbours, 2012–2021",
            description: vi
                ? "Điểm PCI của bốn tỉnh từ 2012 đến 2021. Năm 2021 Phú Yên (64,17 điểm) cao hơn Khánh Hòa (63,11) và Quảng Ngãi (62,97), thấp hơn Bình Định (68,32)."
                : "PCI scores of the four provinces from 2012 to 2021. In 2021 Phú Yên (64.17 points) scored above Khánh Hòa (63.11) and Quảng Ngãi (62.97), below Bình Định (68.32).",
            xLabels: peerYears,
            xAxisLabel: vi ? "Năm" : "Year",
            series: peerScores,
            yAxis: ChartAxis(label: vi ? "Điểm PCI" : "PCI score", style: .number(places: 2)),
            language: lang)

        let changeChart = Chart(
            kind: .bar,
            title: vi ? "Thay đổi điểm chỉ số thành phần, 2021 so với 2020" : "Change in sub-index scores, 2021 vs 2020",
            description: vi
                ? "Điểm chỉ số thành phần năm 2021 trừ năm 2020. Tăng mạnh nhất: Dịch vụ hỗ trợ doanh nghiệp (+2,09); giảm mạnh nhất: Cạnh tranh bình đẳng (−1,93)."
                : "Sub-index score in 2021 minus 2020. Largest gain: business support services (+2.09); largest loss: policy bias (−1.93).",
            xLabels: components.map { vi ? $0.vi : $0.en },
            xAxisLabel: vi ? "Chỉ số thành phần" : "Sub-index",
            series: [ChartSeries(name: vi ? "Thay đổi (điểm)" : "Change (points)", values: components.map { $0.y2021 - $0.y2020 })],
            yAxis: ChartAxis(label: vi ? "Thay đổi điểm (2021 − 2020)" : "Score change (2021 − 2020)", style: .signed(places: 2)),
            language: lang)

        let componentTable = ReportTable(
            caption: vi ? "Điểm 10 chỉ số thành phần của Phú Yên, 2020 và 2021 (thang 10)" : "Phú Yên's 10 sub-index scores, 2020 and 2021 (out of 10)",
            columns: [
                .init(vi ? "Chỉ số thành phần" : "Sub-index"),
                .init("2020", alignment: .trailing),
                .init("2021", alignment: .trailing),
                .init(vi ? "Thay đổi" : "Change", alignment: .trailing),
            ],
            rows: components.map { c in
                let change = c.y2021 - c.y2020
                return [
                    .init(vi ? c.vi : c.en),
                    .init(NumberFormat.decimal(c.y2020, places: 2, lang)),
                    .init(NumberFormat.decimal(c.y2021, places: 2, lang)),
                    .init(NumberFormat.signed(change, places: 2, lang), trend: trend(change, places: 2)),
                ]
            })

        let headline: [ReportBlock.Inline] = vi
            ? [.text("Chỉ số PCI năm 2021 đạt "), .strong("\(NumberFormat.decimal(score2021, places: 2, lang)) điểm"),
               .text(", xếp thứ 35/63, tăng 7 bậc so với năm 2020 (theo "),
               .link(text: "Báo Phú Yên", url: "http://baophuyen.vn/141/292440/tao-buoc-dot-pha-trong-cai-cach-hanh-chinh.html"),
               .text(").")]
            : [.text("Phú Yên's 2021 PCI score was "), .strong("\(NumberFormat.decimal(score2021, places: 2, lang)) points"),
               .text(", ranked 35th of 63, up 7 places on 2020 (according to "),
               .link(text: "Báo Phú Yên", url: "http://baophuyen.vn/141/292440/tao-buoc-dot-pha-trong-cai-cach-hanh-chinh.html"),
               .text(").")]

        return ReportDocument(
            title: vi ? "Phú Yên: Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) 2021" : "Phú Yên: Provincial Competitiveness Index (PCI) 2021",
            language: lang,
            subtitle: vi ? "So sánh với năm 2020 và các tỉnh lân cận" : "Compared with 2020 and neighbouring provinces",
            blocks: [
                .keyFigures([
                    .init(label: vi ? "Điểm PCI 2021" : "PCI score 2021", value: "\(NumberFormat.decimal(score2021, places: 2, lang)) \(points)",
                          change: "\(NumberFormat.signed(scoreChange, places: 2, lang)) \(points) " + (vi ? "so với 2020" : "on 2020"), trend: .up),
                    .init(label: vi ? "Thứ hạng PCI 2021" : "PCI rank 2021", value: "35/63",
                          change: vi ? "\(NumberFormat.signed(7, lang)) bậc so với 2020" : "\(NumberFormat.signed(7, lang)) places on 2020", trend: .up),
                    .init(label: vi ? "Thứ hạng PAPI 2021" : "PAPI rank 2021", value: "45/63",
                          change: vi ? "\(NumberFormat.signed(14, lang)) bậc so với 2020" : "\(NumberFormat.signed(14, lang)) places on 2020", trend: .up),
                ]),
                .paragraph(headline),
                .note(kind: .caveat, [.text(vi
                    ? "Các nguồn số liệu không ghi thứ hạng PCI năm 2020 của Phú Yên; mức tăng 7 bậc là con số do Báo Phú Yên công bố."
                    : "The data sources do not state Phú Yên's 2020 PCI rank; the rise of 7 places is the figure published by Báo Phú Yên.")]),
                .section(title: vi ? "Thứ hạng và điểm qua các năm" : "Rank and score over time", blocks: [
                    .chart(rankChart),
                    .chart(scoreChart),
                ]),
                .section(title: vi ? "So với các tỉnh lân cận" : "Compared with neighbours", blocks: [
                    .chart(bumpChart),
                    .chart(peerScoreChart),
                ]),
                .section(title: vi ? "Chỉ số thành phần" : "Sub-indices", blocks: [
                    .paragraph([.text(vi
                        ? "Tổng điểm PCI tăng dù 6 trong 10 chỉ số thành phần giảm điểm; PCI là tổng có trọng số nên các chỉ số thành phần không đóng góp như nhau."
                        : "The total rose although 6 of the 10 sub-indices fell; the PCI is a weighted sum, so the sub-indices do not count equally.")]),
                    .table(componentTable),
                    .chart(changeChart),
                    .list([
                        [.strong(vi ? "Tăng: " : "Up: "), .text(vi ? "Dịch vụ hỗ trợ doanh nghiệp, Chi phí không chính thức, Chi phí thời gian, Đào tạo lao động." : "business support services, informal charges, time costs, labour training.")],
                        [.strong(vi ? "Giảm: " : "Down: "), .text(vi ? "Cạnh tranh bình đẳng, Gia nhập thị trường, Tính minh bạch, Thiết chế pháp lý & An ninh trật tự, Tính năng động, Tiếp cận đất đai." : "policy bias, entry costs, transparency, legal institutions & security, proactivity, land access.")],
                    ]),
                ]),
            ],
            footer: ReportFooter(
                sources: [
                    .init(name: "pci_2005_2021.csv", sha256: "e136123132395ec46accda2f92d756a59e580196bc7d4b8a917742780f3b1557", ingestDate: "2025-06-30", origin: "VCCI"),
                    .init(name: "pci_subindices_2006_2021.csv", sha256: "12c33dd94718623b06b3ff3364bdc279b6e65d7362fac133070dc70c02eb5db3", ingestDate: "2025-06-30", origin: "VCCI"),
                    .init(name: "press_baophuyen_2022.csv", sha256: "fdb0619113162c995856f0b5382588460331f34aae035839168b86c93543e34a", ingestDate: "2025-06-30", origin: "Báo Phú Yên"),
                ],
                caveats: vi
                    ? ["Năm 2006–2008 có 64 tỉnh được xếp hạng (gồm Hà Tây), từ 2009 là 63.",
                       "Thứ hạng 2020 và 2021 của phần lớn các tỉnh không có trong nguồn; biểu đồ để trống những năm đó."]
                    : ["64 provinces were ranked in 2006–2008 (including Hà Tây), 63 from 2009.",
                       "Most provinces' 2020 and 2021 ranks are not in the sources; the charts leave those years empty."],
                attribution: vi
                    ? "Số liệu PCI: VCCI (pcivietnam.vn). Số liệu được giữ nguyên như nguồn, không nội suy. Báo cáo tạo bằng ChiSo."
                    : "PCI data: VCCI (pcivietnam.vn). Values are as published, nothing interpolated. Report made with ChiSo.")
        )
    }
}
