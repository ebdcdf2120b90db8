//! The in-memory code image of a toplevel session.
