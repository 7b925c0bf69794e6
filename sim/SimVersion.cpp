// placeholder so the library has a source until the simulator lands
namespace SimPlaceholder { int value() { return 0; } }
