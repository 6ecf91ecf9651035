// The script in a real hubot (an in-memory adapter), against a real `nodemonitor notify` and a real etcd.
// Run by NodeMonitor.Notify.Tests (HubotAgainstNotifyTests), which starts both and sets:
//   ETCD_ENDPOINT, NM_PREFIX, NODEMONITOR_NOTIFY_URL, NODEMONITOR_NOTIFY_TOKEN, NODEMONITOR_ROOM, EXPRESS_PORT
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Robot, Adapter, TextMessage, User } from 'hubot'

const here = path.dirname(fileURLToPath(import.meta.url))
const room = process.env.NODEMONITOR_ROOM

class RoomAdapter extends Adapter {
  constructor (robot) { super(robot); this.said = [] }
  async send (envelope, ...strings) { for (const text of strings) this.said.push({ room: envelope.room, text }) }
  async reply (envelope, ...strings) { return this.send(envelope, ...strings.map((s) => `${envelope.user.name}: ${s}`)) }
  async run () { this.emit('connected') }
  close () {}
}

let robot
const alice = new User('u1', { name: 'alice', room })

const said = () => robot.adapter.said
const roomPosts = () => said().filter((m) => m.room === room && !m.text.startsWith('alice: '))

async function eventually (what, condition, seconds = 20) {
  const until = Date.now() + seconds * 1000
  while (!condition()) {
    if (Date.now() > until) assert.fail(`not within ${seconds} s: ${what}\nroom: ${JSON.stringify(said(), null, 1)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function chat (text) {
  const before = said().length
  await robot.receive(new TextMessage(alice, `hubot ${text}`, `m${Date.now()}`))
  await eventually(`an answer to "${text}"`, () => said().slice(before).some((m) => m.text.startsWith('alice: ')))
  return said().slice(before).find((m) => m.text.startsWith('alice: ')).text
}

function fail (node, ...tests) {
  const now = new Date().toISOString()
  const record = { node, runId: `run-${Date.now()}`, firstFailedAt: now, lastRunAt: now, signature: tests.join(','), failingTests: tests, failingTotal: tests.length, pluginErrors: [] }
  execFileSync('etcdctl', ['--endpoints', process.env.ETCD_ENDPOINT, 'put', `${process.env.NM_PREFIX}failures/${node}`, JSON.stringify(record)],
    { env: { ...process.env, ETCDCTL_API: '3' } })
}

const quiet = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000))
const posted = (node) => roomPosts().filter((m) => m.text.includes(`${node} FAILING`)).length

before(async () => {
  robot = new Robot({ use: async (r) => new RoomAdapter(r) }, true, 'hubot')
  await robot.loadAdapter()
  await robot.run()
  await robot.loadFile(path.join(here, '..', 'scripts'), 'nodemonitor.mjs')
})

after(() => robot.shutdown())

test('a node failure reaches the room', async () => {
  fail('web1', 'disk: Root.HasSpace')
  await eventually('web1 in the room', () => posted('web1') === 1)
  assert.match(await chat('nm failures'), /web1: 1 failing/)
  assert.match(await chat('nm status web1'), /disk: Root\.HasSpace/)
})

test('nm silence stops the next failure, and its expiry brings it back', async () => {
  assert.match(await chat('nm silence web2 4s disk swap'), /Silenced web2 until .* \(id [0-9a-f]+\)/)
  assert.match(await chat('nm silences'), /web2 until .* by alice: disk swap/)
  fail('web2', 'disk: Root.HasSpace')
  await quiet(2.5)
  assert.equal(posted('web2'), 0, 'a silenced failure is not posted')
  assert.match(await chat('nm status web2'), /silenced by alice/)
  await eventually('web2 once the silence expired', () => posted('web2') === 1)
})

test('nm unsilence brings a silenced failure back', async () => {
  const answer = await chat('nm silence web3 1h kernel upgrade')
  const id = answer.match(/id ([0-9a-f]+)/)[1]
  fail('web3', 'kernel: Version.IsCurrent')
  await quiet(2.5)
  assert.equal(posted('web3'), 0, 'a silenced failure is not posted')
  assert.match(await chat(`nm unsilence ${id}`), new RegExp(`Silence ${id} removed`))
  await eventually('web3 once unsilenced', () => posted('web3') === 1)
  assert.match(await chat('nm silences'), /No silence\./)
})

test('nm silence by node label is stored with its labels', async () => {
  const answer = await chat('nm silence rack=r1*,role=db 1h rack power work')
  assert.match(answer, /Silenced nodes with rack=r1\*,role=db until .* \(id [0-9a-f]+\)/)
  assert.match(await chat('nm silences'), /nodes with rack=r1\*,role=db until .* by alice: rack power work/)
  await chat(`nm unsilence ${answer.match(/id ([0-9a-f]+)/)[1]}`)
})

test('a refused silence is answered with the reason', async () => {
  assert.match(await chat('nm silence web4 30d too long'), /at most 7 days/)
})
