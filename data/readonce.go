package data

import (
	"context"
	"slices"
	"sync"
)

// ReadOnce is st for one screenful of figures (the 工作台 reads every ledger, and several of its
// loaders want the same roster): each of the reads below is made once per distinct argument and
// then served from memory, as a copy of the slice. Writes go straight to st; use the wrapper only
// for reads that happen together, then drop it.
func ReadOnce(st Store) Store { return &readOnce{Store: st} }

type readOnce struct {
	Store
	mu         sync.Mutex
	members    map[MemberFilter][]Member
	activities map[ActivityFilter][]Activity
	briefings  map[Period][]Briefing
	groups     map[none][]Group
	teams      map[none][]Team
	rules      map[none][]OrgRule
	talks      map[TalkFilter][]Talk
	talkRules  map[none][]TalkRule
}

// none keys the memo of a read without arguments.
type none struct{}

// once returns the memo in *m[key], reading it with load the first time.
func once[K comparable, V any](r *readOnce, m *map[K][]V, key K, load func() ([]V, error)) ([]V, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if v, ok := (*m)[key]; ok {
		return slices.Clone(v), nil
	}
	v, err := load()
	if err != nil {
		return nil, err
	}
	if *m == nil {
		*m = map[K][]V{}
	}
	(*m)[key] = v
	return slices.Clone(v), nil
}

// Members serves the members on the roll from the read with those who left (one read of the
// roster instead of two): the store's filter is the same, RollStatus 在册.
func (r *readOnce) Members(ctx context.Context, f MemberFilter) ([]Member, error) {
	all := f
	all.IncludeLeft = true
	ms, err := once(r, &r.members, all, func() ([]Member, error) { return r.Store.Members(ctx, all) })
	if err != nil || f.IncludeLeft {
		return ms, err
	}
	return slices.DeleteFunc(ms, func(m Member) bool { return m.RollStatus != RollIn }), nil
}

func (r *readOnce) Activities(ctx context.Context, f ActivityFilter) ([]Activity, error) {
	return once(r, &r.activities, f, func() ([]Activity, error) { return r.Store.Activities(ctx, f) })
}

func (r *readOnce) Briefings(ctx context.Context, from, to Date) ([]Briefing, error) {
	return once(r, &r.briefings, Period{From: from, To: to}, func() ([]Briefing, error) { return r.Store.Briefings(ctx, from, to) })
}

func (r *readOnce) Groups(ctx context.Context) ([]Group, error) {
	return once(r, &r.groups, none{}, func() ([]Group, error) { return r.Store.Groups(ctx) })
}

func (r *readOnce) Teams(ctx context.Context) ([]Team, error) {
	return once(r, &r.teams, none{}, func() ([]Team, error) { return r.Store.Teams(ctx) })
}

func (r *readOnce) OrgRules(ctx context.Context) ([]OrgRule, error) {
	return once(r, &r.rules, none{}, func() ([]OrgRule, error) { return r.Store.OrgRules(ctx) })
}

func (r *readOnce) Talks(ctx context.Context, f TalkFilter) ([]Talk, error) {
	return once(r, &r.talks, f, func() ([]Talk, error) { return r.Store.Talks(ctx, f) })
}

func (r *readOnce) TalkRules(ctx context.Context) ([]TalkRule, error) {
	return once(r, &r.talkRules, none{}, func() ([]TalkRule, error) { return r.Store.TalkRules(ctx) })
}
