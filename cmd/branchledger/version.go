package main

// version is the program's version, kept equal to FyneApp.toml's; `make windows` stamps the exe with it.
var version = "0.1.0"
