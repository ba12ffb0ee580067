package main

import (
	"fmt"
	"slices"
	"strings"
)

// args are a sub-command's options. Unlike the flag package they may come after positional
// arguments ("import members roster.xlsx --db f.db"), the order secretaries copy from the manual.
type args struct {
	opts       map[string]string
	positional []string
}

// parseArgs reads --name value, --name=value and the given boolean switches (--strict).
func parseArgs(in []string, known, switches []string) (args, error) {
	a := args{opts: map[string]string{}}
	for i := 0; i < len(in); i++ {
		s := in[i]
		if !strings.HasPrefix(s, "-") || s == "-" {
			a.positional = append(a.positional, s)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(s, "-"), "=")
		switch {
		case slices.Contains(switches, name):
			a.opts[name] = "true"
		case slices.Contains(known, name):
			if !hasValue {
				if i+1 >= len(in) {
					return a, usageErr("选项 --%s 后面缺少取值", name)
				}
				i++
				value = in[i]
			}
			a.opts[name] = value
		default:
			return a, usageErr("不认识的选项 %s", s)
		}
	}
	return a, nil
}

func (a args) get(name string) string { return a.opts[name] }
func (a args) has(name string) bool   { return a.opts[name] != "" }

// usageError is bad command-line input: exit code 1.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usageErr(format string, v ...any) error { return usageError{fmt.Sprintf(format, v...)} }
