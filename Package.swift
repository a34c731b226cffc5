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
        // For the fuzzing package in Fuzz/ (scripts/fuzz.sh).
        .library(name: "FuzzTargets", targets: ["FuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // C boundary: libxml2 through pkg-config. Only HTMLText imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // C boundaries loaded when first needed, not linked (their headers from Debian libarchive-dev,
        // libpff-dev, libolecf-dev): libarchive (only Ingest's LibArchiveReader imports it), libpff
        // (PST/OST) and libolecf (OLE2 compound files, for .msg), one file of Outlook each. Linked, they
        // and the libraries they need took about 1.5 ms of every start.
        .target(name: "CLibArchive", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CLibPFF", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CLibOLECF", linkerSettings: [.linkedLibrary("dl")]),
        // C boundary: xxHash (Debian libxxhash-dev), the state's content digests. Only Pipeline's ContentHasher imports it.
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        // C boundary: glibc's allocator settings (the executable tunes them once, AllocatorTuning).
        .systemLibrary(name: "CAllocator"),
        // The in-house MIME parser: bytes in, a message tree with defects out. Knows nothing of investigations.
        .target(name: "MIME", dependencies: ["MailModel"]),
        // HTML reduced to text (and links) through libxml2.
        .target(name: "HTMLText", dependencies: ["CLibXML2", "MailModel"]),
        // Microsoft Graph JSON exports: a streaming reader of top-level values and the Graph resources.
        .target(name: "GraphExport", dependencies: ["MailModel"]),
        // Outlook files: PST/OST (libpff), .msg (libolecf + in-house MAPI properties), TNEF, compressed RTF.
        .target(name: "Outlook", dependencies: ["CLibPFF", "CLibOLECF", "MIME", "MailModel"]),
        // A small, fast, deterministic JSON emitter shared by inspect records and reports.
        .target(name: "JSONOutput"),
        // The normalized, source-agnostic message that investigations see (§4).
        .target(name: "MailModel"),
        // Finding inputs on disk and in archives, sniffing their format, and turning messages into inspect records.
        .target(
            name: "Ingest",
            dependencies: ["MIME", "HTMLText", "GraphExport", "Outlook", "MailModel", "JSONOutput", "CLibArchive", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // C boundary: RE2 (Debian libre2-dev) behind a small C++ shim with a C API. Only SafeRegex imports it.
        .target(
            name: "CRE2",
            linkerSettings: [.linkedLibrary("re2"), .linkedLibrary("stdc++")]
        ),
        // Linear-time regular expressions (RE2): no pattern can hang a run.
        .target(name: "SafeRegex", dependencies: ["CRE2", "MailModel"]),
        // The investigation file, the filter engine, scope and planned actions. Knows only MailModel.
        .target(
            name: "Investigation",
            dependencies: [
                "MailModel", "SafeRegex", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The investigation state (§14): file identities and stored outcome records in SQLite. Only Ledger imports GRDB.
        .target(
            name: "Ledger",
            dependencies: [
                "MailModel", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for the state's few hot inserts (DirectStatement.swift only).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        // Runs an investigation over an export: reading (Ingest) feeding the engine (Investigation), in parallel;
        // outcomes folded into reports; stateful runs and watches over the Ledger.
        .target(
            name: "Pipeline",
            dependencies: [
                "Ingest", "Investigation", "MailModel", "MIME", "GraphExport", "Outlook", "Ledger", "CXXHash",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Match reports: JSON, JSON Lines, CSV, HTML.
        // Crypto: the HTML report's content security policy allows its one inline script by SHA-256.
        .target(name: "Reports", dependencies: ["Investigation", "MailModel", "JSONOutput", .product(name: "Crypto", package: "swift-crypto")]),
        // Rule regression testing (§11): expectations beside investigations, `dragnet test`, `dragnet diff`, JUnit XML.
        .target(
            name: "RuleTesting",
            dependencies: [
                "Investigation", "Pipeline", "Ingest", "MailModel", "Reports", "JSONOutput", "MIME", "GraphExport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `dragnet draft` (§15): a starter investigation from one reported message, read like any input.
        .target(name: "Triage", dependencies: ["Ingest", "Investigation", "MailModel", "MIME", "GraphExport", "Outlook"]),
        // `dragnet plan` (§16): remediation artifacts from a rendered JSON report (its contract), and nothing else.
        .target(name: "Remediation", dependencies: ["JSONOutput", "MailModel", .product(name: "Crypto", package: "swift-crypto")]),
        // The fuzzing entry points: one input through a reader and the invariants it documents. Run by
        // libFuzzer from the Fuzz/ package (scripts/fuzz.sh) and by FuzzRegressionTests.
        .target(name: "FuzzTargets", dependencies: ["MIME", "Ingest", "GraphExport", "HTMLText", "Investigation", "MailModel"]),
        .executableTarget(
            name: "dragnet",
            dependencies: [
                "Ingest", "MIME", "Investigation", "Pipeline", "Reports", "MailModel", "RuleTesting", "Triage", "Remediation", "Ledger",
                "CAllocator", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MailModelTests", dependencies: ["MailModel"]),
        .testTarget(name: "MIMETests", dependencies: ["MIME"]),
        .testTarget(name: "HTMLTextTests", dependencies: ["HTMLText", "MIME"]),
        .testTarget(name: "GraphExportTests", dependencies: ["GraphExport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "MIME", "MailModel", "GraphExport", "Outlook"]),
        .testTarget(name: "OutlookTests", dependencies: ["Outlook"]),
        .testTarget(name: "SafeRegexTests", dependencies: ["SafeRegex"]),
        .testTarget(name: "InvestigationTests", dependencies: ["Investigation", "MailModel", "Ingest"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Investigation", "MailModel", "JSONOutput", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Investigation", "Ingest", "MailModel", "Ledger", "Reports"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "CLITests", dependencies: ["dragnet", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets"]),
        .testTarget(name: "RuleTestingTests", dependencies: ["RuleTesting", "Investigation", "Reports", "MailModel", "Pipeline"]),
        .testTarget(name: "TriageTests", dependencies: ["Triage", "Investigation", "Pipeline", "Ingest", "MailModel", "Reports"]),
        .testTarget(name: "RemediationTests", dependencies: ["Remediation"]),
    ],
    cxxLanguageStandard: .cxx17
)

for target in package.targets where target.type != .system && target.name != "CRE2" {
    target.swiftSettings = (target.swiftSettings ?? []) + sharedSettings
}
for target in package.targets where target.name == "HTMLText" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.strictMemorySafety()]
}
