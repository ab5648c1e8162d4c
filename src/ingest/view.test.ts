import { describe, expect, it } from 'vitest';
import { AhoCorasick, leftmostLongest } from './aho-corasick.js';
import { buildView, originalSpan, splitSentences } from './view.js';

describe('analysis view', () => {
  it('drops pinyin glosses, folds traditional to simplified, and maps every span back verbatim', () => {
    const original = '甕(wèng)安縣的貴州川恆化工(LFP)年產10萬噸。';
    const view = buildView(original);
    expect(view.text).toBe('瓮安县的贵州川恒化工(lfp)年产10万吨。');
    const at = view.text.indexOf('瓮安县');
    expect(originalSpan(view, at, at + 3).quote).toBe('甕(wèng)安縣');
    const firm = view.text.indexOf('贵州川恒化工');
    expect(originalSpan(view, firm, firm + 6).quote).toBe('貴州川恆化工');
  });

  it('splits sentences at 。！？； and lines, clauses at commas but not inside 1,200', () => {
    const text = '第一句，有两个分句。第二句说“好！”\n标题行\n产能1,200吨,已投产';
    const sentences = splitSentences(text).map((s) => ({ s: text.slice(s.start, s.end), c: s.clauses.map((c) => text.slice(c.start, c.end)) }));
    expect(sentences).toEqual([
      { s: '第一句，有两个分句。', c: ['第一句', '有两个分句。'] },
      { s: '第二句说“好！”', c: ['第二句说“好！”'] },
      { s: '标题行', c: ['标题行'] },
      { s: '产能1,200吨,已投产', c: ['产能1,200吨', '已投产'] },
    ]);
  });
});

describe('Aho–Corasick', () => {
  it('finds every occurrence of every pattern, and the leftmost-longest reading', () => {
    const ac = new AhoCorasick<string>();
    for (const [p, v] of [['福泉', 'a'], ['福泉市', 'b'], ['泉市', 'c'], ['市场', 'd']]) ac.add(p, v);
    const hits = ac.search('福泉市场');
    expect(hits.map((h) => h.pattern).sort()).toEqual(['市场', '泉市', '福泉', '福泉市'].sort());
    expect(leftmostLongest(hits).map((h) => h.pattern)).toEqual(['福泉市']);
  });
});
