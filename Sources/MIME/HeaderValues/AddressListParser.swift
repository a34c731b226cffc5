/// RFC 5322 §3.4 address lists, lenient.
///
/// PLACEHOLDER API (to be completed): the signatures are the contract.
public enum AddressListParser {
    /// Parses an address-list field body (From, To, Cc, ...). Never fails: keeps what can be kept and
    /// records `mime.address-list-malformed` for the rest.
    public static func parse(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> [AddressListEntry] {
        []
    }
}
