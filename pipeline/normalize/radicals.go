package normalize

import "golang.org/x/text/unicode/norm"

// PDF printers (Chrome's Skia among them) map glyphs to the code points of
// radicals instead of the characters: 工 comes out as ⼯ (U+2F2F, a Kangxi
// radical), 门 as ⻔ (U+2ED4, a CJK radicals supplement form). They look
// the same and match nothing; a reader sees the character.

// radicalSupplement maps the CJK Radicals Supplement forms that are whole
// simplified characters (and a few traditional ones) to them. The forms
// that are only components (氵, 扌, 艹…) stay as they are.
var radicalSupplement = map[rune]rune{
	0x2E8C: '小', 0x2E8D: '小', 0x2E97: '心', 0x2E9D: '月', 0x2E9F: '母', 0x2EA0: '民',
	0x2EA7: '牛', 0x2EA9: '王', 0x2EAC: '示', 0x2EAE: '竹', 0x2EB6: '羊', 0x2EBC: '月',
	0x2EC1: '虎', 0x2EC4: '西', 0x2EC5: '见', 0x2EC6: '角', 0x2EC7: '角', 0x2EC9: '贝',
	0x2ECA: '足', 0x2ECB: '车', 0x2ED1: '長', 0x2ED3: '长', 0x2ED4: '门', 0x2ED7: '雨',
	0x2ED8: '青', 0x2ED9: '韦', 0x2EDA: '页', 0x2EDB: '风', 0x2EDC: '飞', 0x2EDD: '食',
	0x2EDF: '食', 0x2EE0: '饣', 0x2EE2: '马', 0x2EE3: '骨', 0x2EE4: '鬼', 0x2EE5: '鱼',
	0x2EE6: '鸟', 0x2EE7: '卤', 0x2EE8: '麦', 0x2EE9: '黄', 0x2EEA: '黾', 0x2EEB: '斉',
	0x2EEC: '齐', 0x2EED: '歯', 0x2EEE: '齿', 0x2EEF: '竜', 0x2EF0: '龙', 0x2EF1: '龜',
	0x2EF2: '亀', 0x2EF3: '龟',
}

// unradical returns the character a radical code point stands for, or r.
func unradical(r rune) rune {
	switch {
	case r >= 0x2F00 && r <= 0x2FD5: // Kangxi radicals: NFKC maps each to its character
		if s := []rune(norm.NFKC.String(string(r))); len(s) == 1 {
			return s[0]
		}
	case r >= 0x2E80 && r <= 0x2EF3:
		if c, ok := radicalSupplement[r]; ok {
			return c
		}
	}
	return r
}
