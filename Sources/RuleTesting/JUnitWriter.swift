private import Glibc

/// JUnit XML for CI systems (the Ant/Jenkins schema): one `testsuite` per suite, one `testcase` per
/// investigation; a failed expectation is a `failure` (message: the counts; text: every reason), an
/// investigation that could not be tested is an `error`.
public enum JUnitWriter {
    public static func render(_ run: RuleTestRun, hostname: String = JUnitWriter.hostname()) -> [UInt8] {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for (id, suite) in run.suites.enumerated() {
            let results = suite.results
            x += "  <testsuite"
            x += attr("name", suite.suite.name.isEmpty ? "suite" : suite.suite.name)
            x += attr("package", suite.suite.name.isEmpty ? "suite" : suite.suite.name)
            x += attr("id", String(id))
            x += attr("timestamp", suite.timestamp)
            x += attr("hostname", hostname.isEmpty ? "localhost" : hostname)
            x += attr("tests", String(results.count))
            x += attr("failures", String(suite.failed))
            x += attr("errors", String(suite.errored))
            x += attr("skipped", "0")
            x += attr("time", seconds(suite.durationSeconds))
            x += ">\n"
            x += "    <properties>\n"
            x += "      <property\(attr("name", "suite"))\(attr("value", suite.suite.root))/>\n"
            if let config = suite.suite.configPath { x += "      <property\(attr("name", "suiteFile"))\(attr("value", config))/>\n" }
            for sample in suite.suite.samples { x += "      <property\(attr("name", "samples"))\(attr("value", sample))/>\n" }
            if let mailbox = suite.suite.mailbox { x += "      <property\(attr("name", "mailbox"))\(attr("value", mailbox))/>\n" }
            x += "    </properties>\n"
            for result in results {
                x += "    <testcase"
                x += attr("name", result.name)
                x += attr("classname", "\(suite.suite.name).\(result.name)")
                x += attr("time", seconds(result.durationSeconds))
                switch result.status {
                case .passed:
                    x += "/>\n"
                case .failed:
                    x += ">\n      <failure"
                    x += attr("message", result.failureSummary)
                    x += attr("type", "dragnet.expectation")
                    x += ">" + text(details(result)) + "</failure>\n    </testcase>\n"
                case .error:
                    x += ">\n      <error"
                    x += attr("message", result.failureSummary)
                    x += attr("type", "dragnet.invalid")
                    x += ">" + text((result.errors + result.warnings).joined(separator: "\n")) + "</error>\n    </testcase>\n"
                }
            }
            let out = results.map { RuleTestText.result($0) }.joined()
            x += "    <system-out>" + text(out) + "</system-out>\n"
            let warnings = results.flatMap(\.warnings)
            x += "    <system-err>" + text(warnings.map { $0 + "\n" }.joined()) + "</system-err>\n"
            x += "  </testsuite>\n"
        }
        x += "</testsuites>\n"
        return Array(x.utf8)
    }

    /// The failure text: the investigation, then one reason per line.
    static func details(_ result: InvestigationTestResult) -> String {
        var lines = ["\(result.investigationName ?? result.name) (\(result.file))"]
        lines += result.problems.map(\.line)
        return lines.joined(separator: "\n")
    }

    static func seconds(_ value: Double) -> String {
        let millis = Int((max(0, value) * 1000).rounded())
        let fraction = millis % 1000
        return "\(millis / 1000).\(fraction < 10 ? "00" : fraction < 100 ? "0" : "")\(fraction)"
    }

    static func attr(_ name: String, _ value: String) -> String {
        " \(name)=\"\(escape(value, attribute: true))\""
    }

    static func text(_ value: String) -> String { escape(value, attribute: false) }

    /// XML 1.0 escaping; characters XML cannot hold (most C0 controls) become U+FFFD.
    static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// The host name (JUnit requires one), or `localhost`.
    public static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
