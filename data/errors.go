package data

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes, so that callers (GUI, CLI exit codes) can tell bad input from a broken program.
const (
	EInvalid  = "invalid"  // the user's input breaks a rule; Message says what to fix
	ENotFound = "notfound" // the record does not exist (any more)
	EConflict = "conflict" // the change clashes with saved data (e.g. a duplicate ID number)
	EInternal = "internal" // a bug or a broken data file
)

// ErrDamaged marks (errors.Is) the error for a data file or backup that SQLite finds damaged: the
// window shows the ways out (restore a backup, open read-only) rather than stopping.
var ErrDamaged = errors.New("data file damaged")

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
// R1 header (公民身份证号, 加入党组织日期, …), so that forms and import reports can both use it. Row
// says which part of the record: 0 the record itself, n ≥ 1 its n-th row of List (an inspection's
// second finding: Row 2, List RowFinding), so that a form can point at the row without reading text.
type FieldError struct {
	Field   string
	Row     int
	List    string // RowItem or RowFinding when Row > 0
	Message string
}

// Lists of rows a FieldError can point into.
const (
	RowItem    = "项"  // a template's, check's or assessment's items: 第3项
	RowFinding = "问题" // an inspection's findings: 问题2
)

// Label is the field as shown in a message: 发现日期, 问题2：发现日期, 第3项：得分.
func (e FieldError) Label() string {
	switch {
	case e.Row == 0:
		return e.Field
	case e.List == RowFinding:
		return fmt.Sprintf("问题%d：%s", e.Row, e.Field)
	}
	return fmt.Sprintf("第%d%s：%s", e.Row, e.List, e.Field)
}

// FieldErrors is the result of validating a record; nil means valid.
type FieldErrors []FieldError

func (fe FieldErrors) Error() string {
	parts := make([]string, len(fe))
	for i, e := range fe {
		parts[i] = e.Label() + "：" + e.Message
	}
	return strings.Join(parts, "；")
}

// For returns the message for one field of the record itself ("" when the field is fine).
func (fe FieldErrors) For(field string) string { return fe.At(0, field) }

// At returns the message for one field of row n (0: the record itself; "" when the field is fine).
func (fe FieldErrors) At(row int, field string) string {
	for _, e := range fe {
		if e.Row == row && e.Field == field {
			return e.Message
		}
	}
	return ""
}

// ForLabel returns the message of the error shown with label (see FieldError.Label).
func (fe FieldErrors) ForLabel(label string) string {
	for _, e := range fe {
		if e.Label() == label {
			return e.Message
		}
	}
	return ""
}

func (fe *FieldErrors) add(field, msg string) {
	*fe = append(*fe, FieldError{Field: field, Message: msg})
}

// addRow adds a broken rule of row i (0-based) of list.
func (fe *FieldErrors) addRow(list string, i int, field, msg string) {
	*fe = append(*fe, FieldError{Field: field, Row: i + 1, List: list, Message: msg})
}

// memberProblem says what is wrong with the member of one row of a record's list of members: none
// chosen (missing) or one an earlier row already has (twice); "" when neither. seen collects the
// members of the rows checked so far.
func memberProblem(seen map[int64]bool, id int64, missing, twice string) string {
	defer func() { seen[id] = true }()
	switch {
	case id == 0:
		return missing
	case seen[id]:
		return twice
	}
	return ""
}

// InRow is errs of one row record (a finding) as errors of row i (0-based) of list in its parent.
func (errs FieldErrors) InRow(list string, i int) FieldErrors {
	out := make(FieldErrors, len(errs))
	for k, e := range errs {
		e.Row, e.List = i+1, list
		out[k] = e
	}
	return out
}
