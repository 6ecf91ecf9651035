// Description:
//   NodeMonitor in chat: failing nodes, silences, and `nodemonitor notify`'s messages posted to a room.
//
// Configuration:
//   NODEMONITOR_NOTIFY_URL   - notify's HTTP API, e.g. http://127.0.0.1:9466 (required)
//   NODEMONITOR_NOTIFY_TOKEN - notify.token: sent to the API, and required of notify's messages (required)
//   NODEMONITOR_ROOM         - the room notify's messages are posted to (required for messages)
//
// Commands:
//   hubot nm failures - the failing nodes, and what is silenced
//   hubot nm status <node> - one node's failing tests and their silences
//   hubot nm silence <node-glob> <duration> <reason> - stop notifications for matching nodes (e.g. 2h, 1d)
//   hubot nm silence <label>=<glob>[,<label>=<glob>] <duration> <reason> - the same for nodes with those labels
//   hubot nm silences - the silences in force
//   hubot nm unsilence <id> - end a silence now
//
// URLs:
//   POST /nodemonitor/notify - where `nodemonitor notify --hubot` sends its messages
//
// Notes:
//   The author of a silence is the chat user who asked for it. Messages are posted once even when notify
//   delivers one again (its Idempotency-Key).

import { timingSafeEqual } from 'node:crypto'

const seenLimit = 1000

export default (robot) => {
  const base = (process.env.NODEMONITOR_NOTIFY_URL || '').replace(/\/+$/, '')
  const token = process.env.NODEMONITOR_NOTIFY_TOKEN || ''
  const room = process.env.NODEMONITOR_ROOM || ''
  const seen = []

  const api = async (method, path, body) => {
    if (!base || !token) throw new Error('NODEMONITOR_NOTIFY_URL and NODEMONITOR_NOTIFY_TOKEN must be set')
    const response = await fetch(`${base}/api/v1/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10000)
    })
    const text = await response.text()
    const json = text ? JSON.parse(text) : null
    if (!response.ok) throw new Error(json?.error ?? `HTTP ${response.status}`)
    return json
  }

  const answer = (res, work) => work().then(
    (text) => res.reply(text),
    (error) => res.reply(`NodeMonitor: ${error.message}`))

  const matchers = (s) => s.labels
    ? `${s.node === '*' ? '' : `${s.node} `}nodes with ${Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(',')}`
    : s.node
  const until = (time) => new Date(time).toISOString().replace(/\.\d+Z$/, 'Z')
  const by = (s) => `silenced by ${s.author} until ${until(s.until)} (${s.reason})`
  const line = (f) => f.silenced
    ? `${f.node}: ${f.failingTotal} failing, all ${by(f.tests[0]?.silencedBy ?? f.unlistedSilencedBy)}`
    : `${f.node}: ${f.failingTotal} failing${f.tests.some((t) => t.silencedBy) ? `, ${f.tests.filter((t) => t.silencedBy).length} silenced` : ''}`

  robot.respond(/nm failures$/i, (res) => answer(res, async () => {
    const failures = await api('GET', 'failures')
    return failures.length === 0 ? 'No node is failing.' : failures.map(line).join('\n')
  }))

  robot.respond(/nm status (\S+)$/i, (res) => answer(res, async () => {
    const node = res.match[1]
    const failure = (await api('GET', 'failures')).find((f) => f.node === node)
    if (!failure) return `${node} is not failing.`
    const tests = failure.tests.map((t) => `  ${t.id}${t.silencedBy ? ` [${by(t.silencedBy)}]` : ''}`)
    return [line(failure), ...tests, ...(failure.link ? [`  ${failure.link}`] : [])].join('\n')
  }))

  robot.respond(/nm silence (\S+) (\S+) (.+)$/i, (res) => answer(res, async () => {
    const [, target, duration, reason] = res.match
    const labels = target.includes('=') ? Object.fromEntries(target.split(',').map((m) => [m.slice(0, m.indexOf('=')), m.slice(m.indexOf('=') + 1)])) : null
    const silence = await api('POST', 'silences', { ...(labels ? { labels } : { node: target }), duration, reason, author: res.message.user.name })
    return `Silenced ${matchers(silence)} until ${until(silence.endsAt)} (id ${silence.id}).`
  }))

  robot.respond(/nm silences$/i, (res) => answer(res, async () => {
    const silences = await api('GET', 'silences')
    return silences.length === 0
      ? 'No silence.'
      : silences.map((s) => `${s.id}: ${matchers(s)}${s.plugin ? ` plugin ${s.plugin}` : ''}${s.test ? ` test ${s.test}` : ''} until ${until(s.endsAt)} by ${s.author}: ${s.reason}`).join('\n')
  }))

  robot.respond(/nm unsilence (\S+)$/i, (res) => answer(res, async () => {
    await api('DELETE', `silences/${encodeURIComponent(res.match[1])}`)
    return `Silence ${res.match[1]} removed.`
  }))

  robot.router.post('/nodemonitor/notify', (req, res) => {
    const given = Buffer.from((req.get('authorization') || '').replace(/^Bearer +/i, ''))
    const expected = Buffer.from(token)
    if (!token || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).send('401 Unauthorized\n')
      return
    }
    const text = req.body?.text
    if (typeof text !== 'string') {
      res.status(400).send('expected a nodemonitor.notify/v1 message\n')
      return
    }
    const key = req.get('idempotency-key') || req.body.id
    if (!seen.includes(key)) {
      seen.push(key)
      if (seen.length > seenLimit) seen.shift()
      if (room) robot.messageRoom(room, text)
      else robot.logger.warning('NODEMONITOR_ROOM is not set; a NodeMonitor message was dropped')
    }
    res.status(200).send('ok\n')
  })
}
