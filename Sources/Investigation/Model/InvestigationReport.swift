public import MailModel

/// The result of running an investigation (§9): what report writers render. Everything in it is in a
/// deterministic order; only `run.startTime`, `run.durationSeconds` and `summary.durationSeconds` vary
/// between two runs over the same inputs (and, with `--state`, what `run` says was evaluated, reused
/// or gone).
public struct InvestigationReport: Sendable {
    public var investigation: Investigation
    public var summary: Summary
    /// Per mailbox, sorted by mailbox: scanned or not (with the reason), messages scanned, matches.
    public var mailboxes: [MailboxResult]
    /// One row per matching item, sorted by mailbox, folder, date, source.
    public var matches: [MatchRow]
    /// Every input or item that could not be fully read, in input order.
    public var diagnostics: [Diagnostic]
    public var run: RunInfo

    public init(investigation: Investigation, summary: Summary, mailboxes: [MailboxResult], matches: [MatchRow], diagnostics: [Diagnostic], run: RunInfo) {
        self.investigation = investigation
        self.summary = summary
        self.mailboxes = mailboxes
        self.matches = matches
        self.diagnostics = diagnostics
        self.run = run
    }

    /// The §9 summary figures.
    public struct Summary: Sendable {
        public var mailboxesScanned = 0
        /// Mailboxes found but not scanned, each with its reason.
        public var mailboxesNotScanned: [NotScanned] = []
        public var mailboxesWithMatches = 0
        /// Messages in scanned mailboxes, in the folder scope, evaluated against the filters.
        public var messagesScanned = 0
        public var messagesMatched = 0
        /// Messages with no usable sending date (outside any date range; counted, never silently dropped).
        public var messagesUndated = 0
        /// Messages whose sending date is outside the date range.
        public var messagesOutsideDateRange = 0
        /// Messages in folders outside `scope.folders`.
        public var messagesOutsideFolders = 0
        /// Messages the expression could not decide because a filter needed a field the export did not
        /// collect (§3.1): neither matched nor cleared.
        public var messagesUnsearchable = 0
        /// Per condition id: messages where that condition could not be evaluated.
        public var unsearchableByFilter: [String: Int] = [:]
        /// Matches per folder.
        public var matchesByFolder: [String: Int] = [:]
        /// Matches per condition id (a match counts for every condition that held).
        public var matchesByFilter: [String: Int] = [:]
        public var durationSeconds: Double = 0

        public init() {}
    }

    /// A mailbox that was found but not scanned.
    public struct NotScanned: Sendable, Hashable {
        public var mailbox: String
        public var reason: NotScannedReason

        public init(mailbox: String, reason: NotScannedReason) {
            self.mailbox = mailbox
            self.reason = reason
        }
    }

    /// One mailbox of the report ("found users" are those with matches).
    public struct MailboxResult: Sendable, Hashable {
        public var mailbox: String
        public var status: MailboxStatus
        public var messagesScanned: Int
        public var matches: Int

        public init(mailbox: String, status: MailboxStatus, messagesScanned: Int, matches: Int) {
            self.mailbox = mailbox
            self.status = status
            self.messagesScanned = messagesScanned
            self.matches = matches
        }
    }

    /// Tool version, options, start time and inputs of the run.
    public struct RunInfo: Sendable {
        public var toolVersion: String
        /// Options as given, by name (sorted when written).
        public var options: [String: String]
        /// ISO 8601 UTC.
        public var startTime: String
        public var inputs: [String]
        public var durationSeconds: Double
        /// Items (messages) read and evaluated by this run.
        public var itemsEvaluated: Int
        /// Items whose outcome an earlier run stored (`--state`) and this run reused.
        public var itemsReused: Int
        /// Files a state recorded below the inputs that are no longer there (`input.gone`).
        public var inputsGone: [String]
        /// The state file (`--state`), for the terminal summary; not written in reports, which are
        /// the same with and without a state.
        public var statePath: String?

        public init(
            toolVersion: String, options: [String: String], startTime: String, inputs: [String], durationSeconds: Double,
            itemsEvaluated: Int = 0, itemsReused: Int = 0, inputsGone: [String] = [], statePath: String? = nil
        ) {
            self.toolVersion = toolVersion
            self.options = options
            self.startTime = startTime
            self.inputs = inputs
            self.durationSeconds = durationSeconds
            self.itemsEvaluated = itemsEvaluated
            self.itemsReused = itemsReused
            self.inputsGone = inputsGone
            self.statePath = statePath
        }
    }
}

/// One matching item (§9): the online product's columns first, provenance after.
public struct MatchRow: Sendable {
    /// The mailbox owner ("Owner").
    public var mailbox: String
    /// The part of the mailbox the layout names (`Primary`, `Archive`, `Online Archive`), if any.
    public var mailboxPart: String?
    /// The folder path below the mailbox (`Inbox/Vendors`).
    public var folder: String
    /// Labels the export records (Gmail), empty when none.
    public var labels: [String] = []
    public var source: MessageSource
    public var messageID: String?
    /// Sending date, seconds since the epoch (UTC).
    public var date: Int64?
    /// The From address ("From").
    public var from: String?
    /// The From display name ("Sender Name").
    public var senderName: String?
    /// To addresses ("To").
    public var to: [String]
    public var subject: String?
    public var hasAttachments: Bool
    /// Attachment file names ("Attachment").
    public var attachmentNames: [String]
    /// Ids of the conditions that held (`f1`, `f3`), in file order ("Filter").
    public var matchedFilters: [String]
    /// Labels of the conditions that held, parallel to `matchedFilters`.
    public var matchedFilterLabels: [String]
    public var evidence: [Evidence]
    /// `would-warn`, `would-move-to-trash`, `would-delete` or `none` ("Status").
    public var plannedAction: String
    /// The warning message for `would-warn`.
    public var warningMessage: String?
    /// Responder caveats (`in-deleted-items`, `senders-own-copy`, `partly-read`, `already-read`,
    /// `removed-by-user`).
    public var caveats: [String]
    /// Whether the item was read (Graph `isRead`, Maildir `S`, mbox `Status: R`); `nil` when unknown.
    public var isRead: Bool?
    /// When the item was received (last `Received` hop, Graph `receivedDateTime`), seconds since the epoch.
    public var receivedDate: Int64?
    /// The Graph message `id` (Graph JSON sources): what a remediation plan addresses the message by.
    public var graphID: String?
    /// The Graph `categories` of the message when the export collected them (`nil`: unknown).
    public var categories: [String]?
    /// SHA-256 (lower-case hex) of each attachment's decoded bytes (attached messages' files included),
    /// for grouping matches into campaigns; not written in reports.
    public var attachmentSHA256: [String]
    /// The hosts of the item's links, lower-cased, sorted, without duplicates (``LinkHosts``), for
    /// grouping matches into campaigns; not written in reports. Filled when the run read links (a `url`
    /// filter), or for a match with neither a Message-ID nor a sender and subject (read for it alone).
    public var linkHosts: [String]

    public init(
        mailbox: String, folder: String, source: MessageSource, messageID: String?, date: Int64?, from: String?,
        senderName: String?, to: [String], subject: String?, hasAttachments: Bool, attachmentNames: [String],
        matchedFilters: [String], matchedFilterLabels: [String], evidence: [Evidence], plannedAction: String,
        warningMessage: String?, caveats: [String], isRead: Bool?, receivedDate: Int64? = nil, graphID: String? = nil,
        categories: [String]? = nil, attachmentSHA256: [String] = [], linkHosts: [String] = []
    ) {
        self.mailbox = mailbox
        self.folder = folder
        self.source = source
        self.messageID = messageID
        self.date = date
        self.from = from
        self.senderName = senderName
        self.to = to
        self.subject = subject
        self.hasAttachments = hasAttachments
        self.attachmentNames = attachmentNames
        self.matchedFilters = matchedFilters
        self.matchedFilterLabels = matchedFilterLabels
        self.evidence = evidence
        self.plannedAction = plannedAction
        self.warningMessage = warningMessage
        self.caveats = caveats
        self.isRead = isRead
        self.receivedDate = receivedDate
        self.graphID = graphID
        self.categories = categories
        self.attachmentSHA256 = attachmentSHA256
        self.linkHosts = linkHosts
    }
}

/// Why a condition held: the field, where (MIME part path or JSON pointer), and a short snippet around
/// the hit (empty with `--no-snippets`).
public struct Evidence: Sendable, Hashable {
    /// The condition id (`f2`).
    public var filter: String
    /// The §4 field that matched (`subject`, `body`, `attachment`, `header:X-Mailer`, ...).
    public var field: String
    /// MIME part path or JSON pointer, when the hit is in a part.
    public var path: String?
    public var snippet: String

    public init(filter: String, field: String, path: String?, snippet: String) {
        self.filter = filter
        self.field = field
        self.path = path
        self.snippet = snippet
    }
}

// Outcome records (`--state`) keep match rows whole: every property is part of the record.
extension MatchRow: Codable {}
extension Evidence: Codable {}
