package main

import (
	"slices"
	"strings"
	"testing"
)

// TestSelftestsHidden: the self-tests are commands, but the help does not offer them to users.
func TestSelftestsHidden(t *testing.T) {
	help := usageText()
	for _, name := range []string{"selftest-ime", "selftest-print"} {
		if strings.Contains(help, name) {
			t.Errorf("the help mentions %s", name)
		}
		if !slices.ContainsFunc(commands, func(c command) bool { return c.name == name && c.hidden }) {
			t.Errorf("no hidden command %s", name)
		}
		if !isCommand([]string{name}) {
			t.Errorf("%s is not taken as a command", name)
		}
	}
	for _, c := range commands {
		if !c.hidden && !strings.Contains(help, c.usage) {
			t.Errorf("the help lacks %s", c.name)
		}
	}
}
