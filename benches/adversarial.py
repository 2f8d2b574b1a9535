#!/usr/bin/env python3
"""Worst-case time and memory of `zfxxgk` on adversarial inputs.

usage: python3 benches/adversarial.py [--bin target/release/zfxxgk] [--only NAME] [--keep DIR]

Generates each input into a temporary folder (nothing large is committed),
runs `zfxxgk check` on it once under /usr/bin/time -v, and prints a table:
case, input size, wall time, peak RSS, and the bounds the project holds itself
to (issue 7):

- time: at most 1 s + 0.2 s per MB of input, on this machine (2 cores);
- memory: peak RSS at most 3 x the input + 50 MB for text and markdown,
  6 x the input + 50 MB for HTML.

Exit status 1 when a case is out of bounds, or when zfxxgk crashed (exit
status other than 0, 1 or 2). Build first: cargo build --release.
"""
import argparse, os, random, re, subprocess, sys, tempfile, time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
SEED = open(os.path.join(ROOT, 'samples', 'jinyun-county-office-2023.txt'), encoding='utf-8').read()
SEED_HTML = open(os.path.join(ROOT, 'tests', 'fixtures', 'html', 'jinyun-county-office-2023.html'), encoding='utf-8').read()
MB = 1024 * 1024


def repeat_to(unit, size):
    n = max(1, size // max(1, len(unit.encode('utf-8'))))
    return unit * n


def crawler_runs():
    """A 7 KB crawler dump: table 三's 25 rows each a 38-digit run."""
    rnd = random.Random(7)
    rows = ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（一）予以公开',
            '（二）部分公开', '1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”',
            '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷',
            '8.属于行政查询事项', '1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作',
            '3.补正后申请内容仍不明确', '1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物',
            '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息',
            '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
            '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他',
            '（七）总计', '四、结转下年度继续办理']
    body = ''.join(r + ''.join(rnd.choice('123456789') for _ in range(38)) for r in rows)
    return ('二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000'
            '三、收到和处理政府信息公开申请情况' + body + '四、政府信息公开行政复议、行政诉讼情况')


def cases():
    yield 'seed repeated to 30 MB', 'text', repeat_to(SEED + '\n', 30 * MB)
    rnd = random.Random(1)
    numbers = ' '.join(str(rnd.randrange(10 ** rnd.randrange(1, 12))) for _ in range(4_000_000))
    yield '30 MB of numbers in running text', 'text', numbers[:30 * MB]
    yield 'one 30 MB line of pipes', 'text', '|' * (30 * MB)
    yield 'one 30 MB line of cells', 'text', repeat_to('0 | ', 30 * MB)
    yield '30 MB of one digit run', 'text', SEED + '\n规章 ' + '7' * (30 * MB) + '\n'
    yield '25 rows of 38-digit runs (7 KB)', 'text', crawler_runs()
    yield '25 rows of 38-digit runs, 1000 times', 'text', (crawler_runs() + '\n') * 1000
    gbk = repeat_to(SEED + '\n', 10 * MB)
    yield '10 MB of GBK text', 'gbk', gbk
    row = '<tr><td>1.属于国家秘密</td>' + '<td>0</td>' * 7 + '</tr>'
    yield '10 MB of HTML table rows', 'html', '<html><body><table>' + repeat_to(row, 10 * MB) + '</table></body></html>'
    yield "3 MB of '<' inside a <tr>", 'html', '<table><tr>' + '<' * (3 * MB) + '<td>1</td></tr></table>'
    yield "30 MB of '<' inside a <tr>", 'html', '<table><tr>' + '<' * (30 * MB) + '<td>1</td></tr></table>'
    yield '100 000 nested divs', 'html', '<div>' * 100_000 + SEED_HTML
    yield 'the seed page repeated to 30 MB', 'html', repeat_to(SEED_HTML, 30 * MB)
    yield 'a million unclosed <b>', 'html', '<p>' + '<b>' * 1_000_000
    yield '60 MB of pipes and newlines', 'text', repeat_to('|\n', 60 * MB)
    prose = '根据《条例》规定，本机关认真做好政府信息公开工作，主动公开各类信息。\n'
    yield '63 MB of prose (at the input limit)', 'text', repeat_to(prose, 63 * MB)
    md = open(os.path.join(ROOT, 'tests', 'fixtures', 'text', 'jinyun-markdown.md'), encoding='utf-8').read()
    yield 'the seed as markdown repeated to 30 MB', 'text', repeat_to(md + '\n', 30 * MB)


def measure(binary, path):
    t = time.monotonic()
    p = subprocess.run(['/usr/bin/time', '-v', binary, 'check', path], capture_output=True)
    wall = time.monotonic() - t
    m = re.search(rb'Maximum resident set size \(kbytes\): (\d+)', p.stderr)
    rss = int(m.group(1)) * 1024 if m else 0
    return wall, rss, p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default=os.path.join(ROOT, 'target', 'release', 'zfxxgk'))
    ap.add_argument('--only', default='')
    ap.add_argument('--keep')
    a = ap.parse_args()
    if not os.path.exists(a.bin):
        sys.exit(f'no binary at {a.bin}: cargo build --release first')
    out = a.keep or tempfile.mkdtemp(prefix='zfxxgk-adversarial-')
    os.makedirs(out, exist_ok=True)
    bad = 0
    print(f"{'case':40} {'size':>9} {'time':>8} {'bound':>8} {'peak RSS':>10} {'bound':>9}  exit")
    for name, kind, text in cases():
        if a.only not in name:
            continue
        path = os.path.join(out, re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-') +
                            ('.html' if kind == 'html' else '.txt'))
        data = text.encode('gbk') if kind == 'gbk' else text.encode('utf-8')
        with open(path, 'wb') as f:
            f.write(data)
        size = len(data)
        wall, rss, code = measure(a.bin, path)
        t_bound = 1 + 0.2 * size / MB
        m_bound = (6 if kind == 'html' else 3) * size + 50 * MB
        ok = wall <= t_bound and rss <= m_bound and code in (0, 1, 2)
        bad += not ok
        print(f"{name:40} {size / MB:7.1f}MB {wall:7.2f}s {t_bound:7.1f}s {rss / MB:8.0f}MB {m_bound / MB:7.0f}MB  {code}{'' if ok else '  OUT OF BOUNDS'}")
        if not a.keep:
            os.remove(path)
    if not a.keep:
        os.rmdir(out)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
