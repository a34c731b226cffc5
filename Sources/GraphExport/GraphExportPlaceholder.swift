// GraphExport: Microsoft Graph JSON exports (placeholder until the reader lands).
enum GraphExportPlaceholder {}
