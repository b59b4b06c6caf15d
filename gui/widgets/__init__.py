"""Small reusable widgets of the interface (drawn with QPainter: no QtCharts in Essentials)."""
