//! Lexer, parser and the Parsetree.
