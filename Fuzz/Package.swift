// swift-tools-version: 6.2
// Fuzzing Dragnet with libFuzzer: one executable running the entry points of the main package's
// FuzzTargets library. Built only by scripts/fuzz.sh (release, -sanitize=fuzzer,address), never by
// `swift build` or `swift test` of the main package.
import PackageDescription

/// The main package is the parent folder; SwiftPM names a path dependency after its folder.
let dragnet = Context.packageDirectory.split(separator: "/").dropLast().last.map { String($0).lowercased() } ?? "dragnet"

let package = Package(
    name: "DragnetFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        // libFuzzer's LLVMFuzzerRunDriver, declared for Swift.
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "dragnet-fuzz",
            dependencies: ["CFuzzerDriver", .product(name: "FuzzTargets", package: dragnet)]
        ),
    ]
)
