package envy

const Version = "v1.7.1"
