import LibXML2

// This file imports only the wrapper, so these names mean its types, not FoundationXML's.
typealias SeamDocument = XMLDocument
typealias SeamResult = XPathResult
