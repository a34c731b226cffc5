// Reports: placeholder until the writers land.
enum ReportsPlaceholder {}
