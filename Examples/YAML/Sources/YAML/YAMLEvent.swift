/// One event of a YAML stream, as libyaml's parser reports it and its emitter takes it.
/// Strings are UTF-8 (libyaml converts every input encoding to UTF-8); a tag is the full tag
/// after directive resolution (`!!str` reads as `tag:yaml.org,2002:str`).
public enum YAMLEvent: Equatable, Sendable {
    case streamStart
    case streamEnd
    case documentStart(implicit: Bool)
    case documentEnd(implicit: Bool)
    case alias(anchor: String)
    case scalar(Scalar)
    case sequenceStart(Collection)
    case sequenceEnd
    case mappingStart(Collection)
    case mappingEnd

    public struct Scalar: Equatable, Sendable {
        public var value: String
        public var anchor: String?
        public var tag: String?
        /// Whether the tag may be omitted when the scalar is written plain, or quoted.
        public var plainImplicit: Bool
        public var quotedImplicit: Bool
        public var style: ScalarStyle

        public init(_ value: String, anchor: String? = nil, tag: String? = nil, plainImplicit: Bool = true, quotedImplicit: Bool = true, style: ScalarStyle = .any) {
            self.value = value
            self.anchor = anchor
            self.tag = tag
            self.plainImplicit = plainImplicit
            self.quotedImplicit = quotedImplicit
            self.style = style
        }
    }

    public struct Collection: Equatable, Sendable {
        public var anchor: String?
        public var tag: String?
        public var implicit: Bool
        public var style: CollectionStyle

        public init(anchor: String? = nil, tag: String? = nil, implicit: Bool = true, style: CollectionStyle = .any) {
            self.anchor = anchor
            self.tag = tag
            self.implicit = implicit
            self.style = style
        }
    }

    public enum ScalarStyle: Sendable {
        case any, plain, singleQuoted, doubleQuoted, literal, folded
    }

    public enum CollectionStyle: Sendable {
        case any, block, flow
    }
}
