import CFuzzerDriver
import FuzzTargets
#if canImport(Glibc)
import Glibc
#endif

/// `dragnet-fuzz TARGET [libFuzzer flags] [CORPUS...]` runs one fuzzing target under libFuzzer;
/// `dragnet-fuzz --seeds TARGET ROOT` prints the paths of the target's seed inputs below the package root.
/// `dragnet-fuzz --check TARGET FILE...` runs files once and prints every broken invariant (for triage).
/// `DRAGNET_FUZZ_STRICT_GRAPH=1` also reports the known Graph buffer-size differences.
/// An input that breaks an invariant aborts, so libFuzzer saves it as a crash.
@main
enum DragnetFuzz {
    nonisolated(unsafe) static var target = FuzzTarget.mime
    nonisolated(unsafe) static var options = FuzzOptions.default

    static func main() {
        var arguments = CommandLine.arguments
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        options.strictGraphBuffers = getenv("DRAGNET_FUZZ_STRICT_GRAPH").map { String(cString: $0) == "1" } ?? false
        if arguments.count == 4, arguments[1] == "--seeds", let target = FuzzTarget(rawValue: arguments[2]) {
            for path in target.seedFiles(packageRoot: arguments[3]) { print(path) }
            return
        }
        if arguments.count >= 3, arguments[1] == "--check", let target = FuzzTarget(rawValue: arguments[2]) {
            exit(check(target, files: Array(arguments[3...])))
        }
        // libFuzzer runs itself again with the arguments it was given (-minimize_crash, -fork): the
        // target then comes from the environment.
        if arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) {
            setenv("DRAGNET_FUZZ_TARGET", target.rawValue, 1)
            arguments.remove(at: 1)
        }
        guard let name = getenv("DRAGNET_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
            printError("usage: dragnet-fuzz \(names) [libFuzzer flags] [CORPUS...]\n       dragnet-fuzz --seeds \(names) PACKAGE_ROOT\n       dragnet-fuzz --check \(names) FILE...\n")
            exit(2)
        }
        Self.target = target
        // libFuzzer keeps argv for the whole run (and re-executes itself with it): never freed.
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var argc = Int32(arguments.count)
        let status = argv.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var pointer = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &pointer, testOneInput)
        }
        exit(status)
    }
}

/// Runs each file through `target` without stopping; 1 when an invariant broke.
private func check(_ target: FuzzTarget, files: [String]) -> Int32 {
    var broken = 0
    for path in files {
        guard let file = fopen(path, "rb") else {
            printError("\(path): cannot be read\n")
            broken += 1
            continue
        }
        var input: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            input += chunk[..<n]
        }
        fclose(file)
        let violations = target.run(input, options: DragnetFuzz.options)
        if !violations.isEmpty {
            broken += 1
            printError("\(path):\n" + violations.map { "  \($0)\n" }.joined())
        }
    }
    printError("\(files.count) inputs, \(broken) broke an invariant\n")
    return broken > 0 ? 1 : 0
}

/// libFuzzer's callback: one input through the selected target.
private func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let violations = DragnetFuzz.target.run(input, options: DragnetFuzz.options)
    if !violations.isEmpty {
        printError("dragnet-fuzz: invariant broken (\(DragnetFuzz.target.rawValue)):\n")
        for violation in violations { printError("  \(violation)\n") }
        abort()
    }
    return 0
}

/// Writes to standard error (file descriptor 2) without buffering.
private func printError(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
