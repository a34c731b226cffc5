import Foundation
import Testing
@testable import Ingest

/// ``ExportScan/passOver(_:)``: a caller that knows the walk's next entries unchanged passes over
/// them at once; the scan then goes on as if it had been told `.skip` for each.
struct PassOverTests {
    /// A folder of `count` one-message EML files, `m00.eml`, `m01.eml`, ...
    private func folder(of count: Int) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-pass-over-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for index in 0..<count {
            let message = "From: a@example.com\r\nSubject: number \(index)\r\nMessage-ID: <\(index)@example.com>\r\n\r\nbody \(index)\r\n"
            try Data(message.utf8).write(to: root.appendingPathComponent(String(format: "m%02d.eml", index)))
        }
        return root
    }

    /// The subjects read, the entries planned and finished, and the steps passed over, when the
    /// planner skips `skipped` entries and asks, after each, to pass over `along` more.
    private func run(_ root: URL, skipped: Set<String>, along: Int) -> (read: [String], planned: [String], finished: [String], passedOver: Int) {
        let scan = ExportScan(paths: [root.path], recordsWalk: true)
        var planned: [String] = []
        var finished: [String] = []
        scan.planEntry = { entry in
            let name = (entry.path as NSString).lastPathComponent
            planned.append(name)
            return (skipped.contains(name) ? .skip : .read, nil)
        }
        scan.entryFinished = { entry, _ in finished.append((entry.path as NSString).lastPathComponent) }
        var read: [String] = []
        var passedOver = 0
        while let step = scan.nextStep() {
            switch step {
            case .event(.message(let found)):
                if case .mime(let bytes) = found.content, let line = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").first(where: { $0.hasPrefix("Subject:") }) {
                    read.append(String(line.dropFirst("Subject: ".count)))
                }
            case .event: break
            case .passedOver:
                passedOver += 1
                if along > 0 { passedOver += scan.passOver(along) }
            }
        }
        return (read, planned, finished, passedOver)
    }

    @Test func entriesPassedOverAlongAreNeitherPlannedNorFinishedNorRead() throws {
        let root = try folder(of: 6)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = run(root, skipped: ["m01.eml"], along: 2)
        // m02 and m03 go with m01; m04 is planned again as the walk goes on.
        #expect(result.read == ["number 0", "number 4", "number 5"])
        #expect(result.planned == ["m00.eml", "m01.eml", "m04.eml", "m05.eml"])
        #expect(result.finished == ["m00.eml", "m01.eml", "m04.eml", "m05.eml"])
        #expect(result.passedOver == 3)
    }

    @Test func passingOverStopsAtTheEndOfTheWalk() throws {
        let root = try folder(of: 3)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = run(root, skipped: ["m01.eml"], along: 5)
        #expect(result.read == ["number 0"])
        #expect(result.planned == ["m00.eml", "m01.eml"])
        // m01 and the one left after it: the walk had no more.
        #expect(result.passedOver == 2)
    }

    @Test func aScanThatDoesNotReplayAWalkPassesOverNothing() throws {
        let root = try folder(of: 3)
        defer { try? FileManager.default.removeItem(at: root) }
        let scan = ExportScan(paths: [root.path])
        scan.planEntry = { _ in (.skip, nil) }
        #expect(scan.nextStep().map { if case .passedOver = $0 { true } else { false } } == true)
        #expect(scan.passOver(2) == 0)
    }
}
