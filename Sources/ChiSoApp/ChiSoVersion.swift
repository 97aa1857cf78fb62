/// The version `chiso --version` prints, and the version of the JSON and CSV column contract.
public enum ChiSoVersion {
    /// Semantic version; bump the minor number when columns are added, the major one when any key changes.
    public static let current = "0.4.0"
}
