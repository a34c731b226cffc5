/// The MAPI property identifiers Dragnet reads (MS-OXPROPS canonical names in the comments).
public enum PropertyID {
    // MARK: Message
    /// PidTagMessageClass (`IPM.Note`, `IPM.Schedule.Meeting.Request`, `REPORT.IPM.Note.NDR`).
    public static let messageClass: UInt16 = 0x001A
    /// PidTagSubject.
    public static let subject: UInt16 = 0x0037
    /// PidTagClientSubmitTime: when the sender sent it.
    public static let clientSubmitTime: UInt16 = 0x0039
    /// PidTagSentRepresentingName / AddressType / EmailAddress / SmtpAddress: who the message is from.
    public static let sentRepresentingName: UInt16 = 0x0042
    public static let sentRepresentingAddressType: UInt16 = 0x0064
    public static let sentRepresentingEmailAddress: UInt16 = 0x0065
    public static let sentRepresentingSMTPAddress: UInt16 = 0x5D02
    /// PidTagTransportMessageHeaders: the Internet header block as received.
    public static let transportMessageHeaders: UInt16 = 0x007D
    /// PidTagSenderName / AddressType / EmailAddress / SmtpAddress: who sent it (may be a delegate).
    public static let senderName: UInt16 = 0x0C1A
    public static let senderAddressType: UInt16 = 0x0C1E
    public static let senderEmailAddress: UInt16 = 0x0C1F
    public static let senderSMTPAddress: UInt16 = 0x5D01
    /// PidTagDisplayBcc, PidTagDisplayCc, PidTagDisplayTo: recipients' names joined by `;`.
    public static let displayBcc: UInt16 = 0x0E02
    public static let displayCc: UInt16 = 0x0E03
    public static let displayTo: UInt16 = 0x0E04
    /// PidTagMessageDeliveryTime: when the store received it.
    public static let messageDeliveryTime: UInt16 = 0x0E06
    /// PidTagMessageFlags (`mfRead` = 0x1, `mfUnsent` = 0x8).
    public static let messageFlags: UInt16 = 0x0E07
    /// PidTagBody (plain text), PidTagRtfCompressed, PidTagHtml.
    public static let body: UInt16 = 0x1000
    public static let rtfCompressed: UInt16 = 0x1009
    public static let html: UInt16 = 0x1013
    /// PidTagInternetMessageId, PidTagInternetReferences, PidTagInReplyToId.
    public static let internetMessageID: UInt16 = 0x1035
    public static let internetReferences: UInt16 = 0x1039
    public static let inReplyToID: UInt16 = 0x1042
    /// PidTagCreationTime, PidTagLastModificationTime.
    public static let creationTime: UInt16 = 0x3007
    public static let lastModificationTime: UInt16 = 0x3008
    /// PidTagInternetCodepage: the code page of the HTML and plain bodies.
    public static let internetCodepage: UInt16 = 0x3FDE
    /// PidTagMessageCodepage: the code page of the message's 8-bit strings.
    public static let messageCodepage: UInt16 = 0x3FFD

    // MARK: Recipients
    /// PidTagRecipientType: 1 To, 2 Cc, 3 Bcc (with flags in the high bits).
    public static let recipientType: UInt16 = 0x0C15
    /// PidTagDisplayName (also a folder's, an attachment's and the store's name).
    public static let displayName: UInt16 = 0x3001
    /// PidTagAddressType (`SMTP`, `EX`), PidTagEmailAddress.
    public static let addressType: UInt16 = 0x3002
    public static let emailAddress: UInt16 = 0x3003
    /// PidTagSmtpAddress.
    public static let smtpAddress: UInt16 = 0x39FE
    /// PidTagRecipientDisplayName.
    public static let recipientDisplayName: UInt16 = 0x5FF6

    // MARK: Attachments
    /// PidTagAttachSize: the whole attachment object's size (not the file's).
    public static let attachSize: UInt16 = 0x0E20
    /// PidTagAttachDataBinary (a file) or PidTagAttachDataObject (an attached message: `PT_OBJECT`).
    public static let attachData: UInt16 = 0x3701
    public static let attachExtension: UInt16 = 0x3703
    public static let attachFilename: UInt16 = 0x3704
    /// PidTagAttachMethod: 1 by value, 2–4 by reference, 5 embedded message, 6 OLE object.
    public static let attachMethod: UInt16 = 0x3705
    public static let attachLongFilename: UInt16 = 0x3707
    public static let attachMIMETag: UInt16 = 0x370E
    public static let attachContentID: UInt16 = 0x3712
    /// PidTagAttachFlags (`attRenderedInBody` = 0x4).
    public static let attachFlags: UInt16 = 0x3714
    /// PidTagAttachmentHidden.
    public static let attachmentHidden: UInt16 = 0x7FFE

    // MARK: Message store
    /// PidTagPstPassword: a CRC-32 of the password, 0 when there is none.
    public static let pstPassword: UInt16 = 0x67FF
    /// PidTagIpmSubTreeEntryId: the folder that holds the user's mail folders ("Top of Personal Folders").
    public static let ipmSubtreeEntryID: UInt16 = 0x35E0
}
