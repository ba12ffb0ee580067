package data

import (
	"errors"
	"strings"
)

// Error codes, so that callers (GUI, CLI exit codes) can tell bad input from a broken program.
const (
	EInvalid  = "invalid"  // the user's input breaks a rule; Message says what to fix
	ENotFound = "notfound" // the record does not exist (any more)
	EConflict = "conflict" // the change clashes with saved data (e.g. a duplicate ID number)
	EInternal = "internal" // a bug or a broken data file
)

// Error is an application error whose Message is Chinese and shown to the user as it is.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf builds an *Error.
func Errorf(code, msg string) *Error { return &Error{Code: code, Message: msg} }

// ErrorCode returns the code of err, EInternal for foreign errors and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var fe FieldErrors
	if errors.As(err, &fe) {
		return EInvalid
	}
	return EInternal
}

// ErrorMessage returns the Chinese message of err; foreign errors get a generic message with the detail.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	var fe FieldErrors
	if errors.As(err, &fe) {
		return fe.Error()
	}
	return "程序内部错误：" + err.Error()
}

// FieldError is one broken rule of one field. Field is the field's Chinese label as printed in the
// R1 header (公民身份证号, 加入党组织日期, …), so that forms and import reports can both use it.
type FieldError struct {
	Field   string
	Message string
}

// FieldErrors is the result of validating a record; nil means valid.
type FieldErrors []FieldError

func (fe FieldErrors) Error() string {
	parts := make([]string, len(fe))
	for i, e := range fe {
		parts[i] = e.Field + "：" + e.Message
	}
	return strings.Join(parts, "；")
}

// For returns the message for one field ("" when the field is fine).
func (fe FieldErrors) For(field string) string {
	for _, e := range fe {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

func (fe *FieldErrors) add(field, msg string) { *fe = append(*fe, FieldError{field, msg}) }
