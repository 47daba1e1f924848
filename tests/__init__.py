"""layzner's test suite: a package, so that pytest's importlib mode imports its helpers by name."""
