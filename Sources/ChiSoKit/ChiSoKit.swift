// ChiSoKit: the library product. One import brings every layer, as before the split into modules.
@_exported import ChiSoCore
@_exported import ChiSoCSV
@_exported import ChiSoIngest
@_exported import ChiSoStore
@_exported import ChiSoMetrics
@_exported import ChiSoReport
@_exported import ChiSoNotebook
@_exported import ChiSoApp
