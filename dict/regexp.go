package dict

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// Regexp is a compiled rule pattern with a cheap pre-test: the runes of
// which every match must contain at least one. Most sentences lack them,
// and a strings.ContainsAny skips the regular expression engine, which
// keeps a 10 MB document linear and fast.
type Regexp struct {
	*regexp.Regexp
	need  []rune // empty when no such set is known or the pattern is anchored
	bloom uint64 // bit r%64 set for each rune of need
}

func compileRegexp(expr string) (*Regexp, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	x := &Regexp{Regexp: re}
	// An anchored pattern fails fast by itself; others get the pre-test.
	if tree, err := syntax.Parse(expr, syntax.Perl); err == nil && !anchored(tree) {
		if set, ok := required(tree.Simplify()); ok {
			x.need = set
			for _, r := range set {
				x.bloom |= 1 << (uint(r) % 64)
			}
		}
	}
	return x, nil
}

// maxNeed bounds the pre-test set: a large class (any Han character) is
// no filter.
const maxNeed = 16

// required returns runes one of which every match of re contains.
func required(re *syntax.Regexp) ([]rune, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 || re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return re.Rune[:1], true
	case syntax.OpCharClass:
		var set []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(set) >= maxNeed {
					return nil, false
				}
				set = append(set, r)
			}
		}
		return set, len(set) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []rune
		found := false
		for _, s := range re.Sub {
			if set, ok := required(s); ok && (!found || len(set) < len(best)) {
				best, found = set, true
			}
		}
		return best, found
	case syntax.OpAlternate:
		var all []rune
		for _, s := range re.Sub {
			set, ok := required(s)
			if !ok {
				return nil, false
			}
			all = append(all, set...)
		}
		return all, len(all) > 0 && len(all) <= maxNeed
	}
	return nil, false
}

func anchored(re *syntax.Regexp) bool {
	for re.Op == syntax.OpConcat || re.Op == syntax.OpCapture {
		if len(re.Sub) == 0 {
			return false
		}
		re = re.Sub[0]
	}
	return re.Op == syntax.OpBeginText || re.Op == syntax.OpBeginLine
}

// maybe scans s once; the bloom word makes the common case one AND.
func (x *Regexp) maybe(s string) bool {
	if len(x.need) == 0 {
		return true
	}
	if len(x.need) <= 4 {
		// A few runes: the byte search of strings.ContainsRune is faster
		// than decoding the sentence.
		for _, n := range x.need {
			if strings.ContainsRune(s, n) {
				return true
			}
		}
		return false
	}
	for _, r := range s {
		if x.bloom&(1<<(uint(r)%64)) == 0 {
			continue
		}
		for _, n := range x.need {
			if r == n {
				return true
			}
		}
	}
	return false
}

// MatchString is regexp.MatchString behind the pre-test.
func (x *Regexp) MatchString(s string) bool { return x.maybe(s) && x.Regexp.MatchString(s) }

// FindString is regexp.FindString behind the pre-test.
func (x *Regexp) FindString(s string) string {
	if !x.maybe(s) {
		return ""
	}
	return x.Regexp.FindString(s)
}

// FindStringSubmatch is regexp.FindStringSubmatch behind the pre-test.
func (x *Regexp) FindStringSubmatch(s string) []string {
	if !x.maybe(s) {
		return nil
	}
	return x.Regexp.FindStringSubmatch(s)
}

// FindAllStringIndex is regexp.FindAllStringIndex behind the pre-test.
func (x *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if !x.maybe(s) {
		return nil
	}
	return x.Regexp.FindAllStringIndex(s, n)
}
