module github.com/handover/tools/go-ovh-v2

go 1.18

require github.com/ovh/go-ovh v1.9.0

require (
	golang.org/x/oauth2 v0.18.0 // indirect
	gopkg.in/ini.v1 v1.67.0 // indirect
)
