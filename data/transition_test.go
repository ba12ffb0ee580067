package data

import (
	"strings"
	"testing"
)

// transitionRule is what a ledger's state flow says of one move from a state to another.
type transitionRule int

const (
	refused transitionRule = iota
	allowed
	needsReason
)

// transitionMatrix describes a state flow written out as a matrix, so that a change of a
// transitions table shows up in its test: every pair of states is either allowed, allowed with a
// reason, or refused (the pairs not in want).
type transitionMatrix[T comparable] struct {
	states []string
	want   map[[2]string]transitionRule
	// fresh is a valid record in state from.
	fresh func(from string) T
	state func(r *T) string
	apply func(r *T, to, reason string) error
	// reason is what a move that needs one is given the second time; withReason, when set, checks
	// the record after that move too.
	reason     string
	withReason func(r *T) bool
	// after, when set, checks the record after every move that is not refused.
	after func(t *testing.T, from, to string, r *T)
}

// check tries every pair of states on a fresh record: an allowed move changes the state, one that
// needs a reason is refused without one (leaving the record as it was) and done with one, and any
// other is refused with 不能直接改为 and leaves the record as it was.
func (m transitionMatrix[T]) check(t *testing.T) {
	t.Helper()
	for _, from := range m.states {
		for _, to := range m.states {
			r := m.fresh(from)
			before := r
			err := m.apply(&r, to, "")
			rule := m.want[[2]string{from, to}]
			switch rule {
			case allowed:
				if err != nil || m.state(&r) != to {
					t.Errorf("%s → %s refused: %v", from, to, err)
				}
			case needsReason:
				if err == nil || !strings.Contains(err.Error(), "须说明原因") || r != before {
					t.Errorf("%s → %s without a reason: %v (record changed: %v)", from, to, err, r != before)
				}
				if err := m.apply(&r, to, m.reason); err != nil || m.state(&r) != to || m.withReason != nil && !m.withReason(&r) {
					t.Errorf("%s → %s with a reason: %v %+v", from, to, err, r)
				}
			case refused:
				if err == nil || ErrorCode(err) != EInvalid || !strings.Contains(err.Error(), "不能直接改为") || r != before {
					t.Errorf("%s → %s not refused properly: %v", from, to, err)
				}
			}
			if rule != refused && m.after != nil {
				m.after(t, from, to, &r)
			}
		}
	}
}
