module github.com/gobuffalo/envy

go 1.13

require (
	github.com/joho/godotenv v1.3.0
	github.com/rogpeppe/go-internal v1.3.2
)
