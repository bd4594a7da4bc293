//! Canvas course-pace calendar, due-date and compression engine (pure).
