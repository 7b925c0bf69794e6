namespace UiPlaceholder { int value() { return 0; } }
