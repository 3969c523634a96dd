import ArgumentParser
import SeamTool

// The tool's model knows nothing of argument parsing; its option types are parsed here.
extension Variant: ExpressibleByArgument {}
extension Libraries: ExpressibleByArgument {}
