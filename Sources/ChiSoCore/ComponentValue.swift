/// A component value (sub-index, dimension, pillar) of one province in one edition.
public struct ComponentValue: Sendable, Equatable {
    public var index: String
    public var year: Int
    public var provinceID: String
    public var component: String
    public var value: Double
    /// Name of the ingested file the value came from.
    public var sourceFile: String

    public init(index: String, year: Int, provinceID: String, component: String, value: Double, sourceFile: String = "") {
        self.index = index; self.year = year; self.provinceID = provinceID; self.component = component; self.value = value
        self.sourceFile = sourceFile
    }
}
