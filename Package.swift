// swift-tools-version: 6.2
import PackageDescription

/// Settings every Swift target shares (applied in one loop below).
let sharedSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Dragnet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dragnet", targets: ["dragnet"]),
        .library(name: "MIME", targets: ["MIME"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C boundary: libxml2 through pkg-config. Only HTMLText imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The in-house MIME parser: bytes in, a message tree with defects out. Knows nothing of investigations.
        .target(name: "MIME"),
        // HTML reduced to text (and links) through libxml2.
        .target(name: "HTMLText", dependencies: ["CLibXML2"]),
        // Microsoft Graph JSON exports: a streaming reader of top-level values and the Graph resources.
        .target(name: "GraphExport"),
        // The normalized, source-agnostic message that investigations see (§4).
        .target(name: "MailModel"),
        // Finding inputs on disk, sniffing their format, and turning messages into inspect records.
        .target(
            name: "Ingest",
            dependencies: ["MIME", "HTMLText", "GraphExport", "MailModel", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "dragnet",
            dependencies: ["Ingest", "MIME", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "MIMETests", dependencies: ["MIME"]),
        .testTarget(name: "HTMLTextTests", dependencies: ["HTMLText"]),
        .testTarget(name: "GraphExportTests", dependencies: ["GraphExport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "MIME", "MailModel", "GraphExport"]),
        .testTarget(name: "CLITests", dependencies: ["dragnet"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + sharedSettings
}
for target in package.targets where target.name == "HTMLText" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.strictMemorySafety()]
}
