import Foundation
public enum Bundled {
    public static var datasetsURL: URL { Bundle.module.url(forResource: "datasets", withExtension: nil)! }
}
