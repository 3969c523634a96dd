/// YAML documents that reach the parser's main paths: block and flow collections, every
/// scalar style, anchors and aliases, tags and directives, several documents, and errors.
enum YAMLSeeds {
    static let documents: [String] = [
        "",
        "plain scalar\n",
        "- a\n- b\n- [c, d, {e: f}]\n",
        "key: value\nnested:\n  list:\n    - 1\n    - 2.5\n  empty: ~\n",
        "single: 'it''s'\ndouble: \"tab\\t nul\\0 \\u263A\"\nliteral: |\n  line one\n  line two\nfolded: >-\n  folded\n  text\n",
        "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\nrefs: [*b, *b]\n",
        "%YAML 1.1\n%TAG !e! tag:example.com,2026:\n---\n!e!thing {a: !!int 1, b: !local x, c: !<tag:yaml.org,2002:str> 3}\n...\n",
        "--- first\n--- second\n...\n---\n- third\n",
        "? complex key\n: complex value\n? [a, b]\n: c\n",
        "key: [unclosed\n",
        "a: b: c\n",
        "\u{FEFF}bom: true\n",
        "- \"bad escape \\q\"\n",
        "&anchor\n*alias\n",
    ]
}
