package widgets

import (
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Choices are the things a field offers by name (members, say): each one's ID and label (labels
// are unique), and a search that ranks them for what is typed.
type Choices struct {
	IDs    []int64
	Labels []string
	Search func(query string) []int // indices, best first; all for ""
	Offer  func(i int) bool         // whether i may be suggested (nil: all)
	First  func(i int) bool         // put first when Matches is asked to (nil: none)
}

// Label is how id is named ("" for 0 or one not among the choices).
func (c *Choices) Label(id int64) string {
	if i := slices.Index(c.IDs, id); i >= 0 && id != 0 {
		return c.Labels[i]
	}
	return ""
}

// IDOf is the choice a label names.
func (c *Choices) IDOf(text string) (int64, bool) {
	if i := slices.Index(c.Labels, text); i >= 0 {
		return c.IDs[i], true
	}
	return 0, false
}

// Matches are the indices of the choices offered that match query (all for ""), those First
// says first when first is set, without those skip says to leave out, at most limit.
func (c *Choices) Matches(query string, limit int, first bool, skip func(id int64) bool) []int {
	hits := c.Search(query)
	if first && c.First != nil {
		slices.SortStableFunc(hits, func(a, b int) int { return boolRank(c.First(b)) - boolRank(c.First(a)) })
	}
	out := make([]int, 0, limit)
	for _, i := range hits {
		if c.Offer != nil && !c.Offer(i) || skip != nil && skip(c.IDs[i]) {
			continue
		}
		if out = append(out, i); len(out) == limit {
			break
		}
	}
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Suggest is Matches as labels.
func (c *Choices) Suggest(query string, limit int, first bool, skip func(id int64) bool) []string {
	var out []string
	for _, i := range c.Matches(query, limit, first, skip) {
		out = append(out, c.Labels[i])
	}
	return out
}

// SuggestEntry is a text field with a drop-down of suggestions for what is typed (members by name
// or pinyin). Leaving the field after typing pinyin that fits exactly one suggestion puts that
// name in (zs → 张三). Any text may be kept: a 责任人 need not be a Party member.
type SuggestEntry struct {
	widget.SelectEntry
	suggestions func(text string) []string
	// OnFocusLost is called after the completion.
	OnFocusLost func()
	// OnPicked, when set, takes a suggestion picked under the field instead of the field taking its
	// text (a list of members adds him and empties the field).
	OnPicked func(text string)
	// hints lists the suggestions under the field while the user types. It is part of the form, not
	// a pop-up: an overlay takes the keyboard (Fyne's drop-down, which can only open on the arrow)
	// and may run off the window; in the form it scrolls with the field.
	hints   *fyne.Container
	content *fyne.Container
}

func NewSuggestEntry(suggestions func(text string) []string) *SuggestEntry {
	e := &SuggestEntry{suggestions: suggestions}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(nil)
	e.hints = container.NewVBox()
	e.hints.Hide()
	e.content = container.NewVBox(e, e.hints)
	// The drop-down button must not be a Tab stop between two fields.
	if b, ok := e.ActionItem.(*widget.Button); ok {
		e.ActionItem = NewIconButton(b.Icon, b.OnTapped)
	}
	return e
}

// Filter narrows the drop-down to what fits the text and lists it under the field while the user
// types; call it from OnChanged.
func (e *SuggestEntry) Filter() {
	opts := e.suggestions(e.Text)
	e.SetOptions(opts)
	e.showHints(opts)
}

// maxHints is how many suggestions are listed under the field as the user types.
const maxHints = 8

// Content is the field with its list of suggestions: what a form lays out.
func (e *SuggestEntry) Content() fyne.CanvasObject { return e.content }

// showHints lists opts under the field, or hides the list when there is nothing to offer.
func (e *SuggestEntry) showHints(opts []string) {
	c := canvasOf(e)
	if c == nil || any(c.Focused()) != any(e) || strings.TrimSpace(e.Text) == "" || len(opts) == 0 ||
		len(opts) == 1 && opts[0] == e.Text {
		e.hideHints()
		return
	}
	e.hints.Objects = nil
	for _, o := range opts[:min(len(opts), maxHints)] {
		e.hints.Add(newHint(o, func() {
			e.hideHints()
			if e.OnPicked != nil {
				e.OnPicked(o)
			} else {
				e.SetText(o)
			}
		}))
	}
	e.hints.Show()
	e.content.Refresh()
}

func (e *SuggestEntry) hideHints() {
	if e.hints.Visible() {
		e.hints.Hide()
		e.content.Refresh()
	}
}

// Hints are the suggestions listed under the field now (nil when none are shown).
func (e *SuggestEntry) Hints() []*Hint {
	if !e.hints.Visible() {
		return nil
	}
	var out []*Hint
	for _, o := range e.hints.Objects {
		out = append(out, o.(*Hint))
	}
	return out
}

// Hint is one suggestion listed under a SuggestEntry. It is picked on the mouse press: the press
// takes the focus from the field, which hides the list before a tap (on release) could land.
type Hint struct {
	widget.BaseWidget
	Text string
	pick func()
}

func newHint(text string, pick func()) *Hint {
	h := &Hint{Text: text, pick: pick}
	h.ExtendBaseWidget(h)
	return h
}

func (h *Hint) CreateRenderer() fyne.WidgetRenderer {
	l := widget.NewLabel(h.Text)
	l.Importance = widget.HighImportance
	return widget.NewSimpleRenderer(l)
}

// Tapped picks the suggestion (keyboardless tests; the mouse picks on MouseDown).
func (h *Hint) Tapped(*fyne.PointEvent) { h.pick() }

func (h *Hint) MouseDown(*desktop.MouseEvent) { h.pick() }
func (h *Hint) MouseUp(*desktop.MouseEvent)   {}

func (h *Hint) Cursor() desktop.Cursor { return desktop.PointerCursor }

// TypedKey makes Esc close the dialog the field is in.
func (e *SuggestEntry) TypedKey(k *fyne.KeyEvent) {
	if !EscapeKey(e, k) {
		e.SelectEntry.TypedKey(k)
	}
}

// FocusLost completes a pinyin text that fits exactly one suggestion.
func (e *SuggestEntry) FocusLost() {
	e.SelectEntry.FocusLost()
	e.hideHints()
	if t := strings.TrimSpace(e.Text); t != "" && IsLatin(t) {
		if s := e.suggestions(t); len(s) == 1 {
			e.SetText(s[0])
		}
	}
	if e.OnFocusLost != nil {
		e.OnFocusLost()
	}
}

// IsLatin is whether s is Latin letters only (pinyin initials as typed).
func IsLatin(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
