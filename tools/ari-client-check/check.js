#!/usr/bin/env node
// Exercise an ARI server with the third-party "ari-client" npm package, the way an
// application author would: load the Swagger description, call REST operations through
// the generated methods and react to WebSocket events. Meant for ari-sim, whose control
// API (/sim/...) plays the caller side.
//
// Usage: node check.js <baseUrl> [user] [password]
//   baseUrl   e.g. http://127.0.0.1:8088 (no /ari)
// Environment:
//   STEP_TIMEOUT_MS (default 8000)  how long to wait for each expected event.
// Exit status 0 when every step passed.

'use strict';

const ari = require('ari-client');
const WebSocket = require('ws');

const baseUrl = (process.argv[2] || 'http://127.0.0.1:8088').replace(/\/$/, '');
const user = process.argv[3] || 'asterisk';
const password = process.argv[4] || 'asterisk';
const stepTimeoutMs = Number(process.env.STEP_TIMEOUT_MS || 8000);
const appName = 'check-app';
const authHeader = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

const results = [];
let currentStep = '(none)';

function log(...args) {
  console.log(new Date().toISOString().slice(11, 23), ...args);
}

function record(step, ok, detail) {
  results.push({ step, ok, detail });
  log(`${ok ? 'PASS' : 'FAIL'} ${step}${detail ? ' — ' + detail : ''}`);
}

async function step(name, fn) {
  currentStep = name;
  try {
    const detail = await fn();
    record(name, true, detail);
    return true;
  } catch (err) {
    record(name, false, err && err.message ? err.message : String(err));
    return false;
  }
}

// Errors thrown inside ari-client's WebSocket message handler surface here.
const asyncErrors = [];
process.on('uncaughtException', (err) => {
  asyncErrors.push({ step: currentStep, message: err.stack || String(err) });
  log(`UNCAUGHT during "${currentStep}": ${err.stack || err}`);
});
process.on('unhandledRejection', (err) => {
  asyncErrors.push({ step: currentStep, message: String(err && err.stack || err) });
  log(`UNHANDLED REJECTION during "${currentStep}": ${err && err.stack || err}`);
});

// Control API of the simulator (not ARI).
async function sim(method, path) {
  const res = await fetch(`${baseUrl}/sim${path}`, { method, headers: { Authorization: authHeader } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} /sim${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// Raw event log from a second, independent socket (subscribeAll under another
// application name), so events the server sent can be told apart from events the
// client failed to deliver.
const rawEvents = [];
function openSpy() {
  return new Promise((resolve, reject) => {
    const url = `${baseUrl.replace(/^http/, 'ws')}/ari/events?app=check-spy&subscribeAll=true` +
      `&api_key=${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
    const ws = new WebSocket(url);
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
    ws.on('message', (data) => {
      try { rawEvents.push(JSON.parse(data)); } catch (e) { /* ignore */ }
    });
  });
}

// Events as delivered by ari-client, with a waiter for a matching one.
const seen = [];
const waiters = [];
function onClientEvent(event, instances) {
  seen.push({ event, instances });
  for (const w of waiters.slice()) {
    if (w.match(event, instances)) {
      waiters.splice(waiters.indexOf(w), 1);
      clearTimeout(w.timer);
      w.resolve({ event, instances });
    }
  }
}
function waitFor(description, match, fromIndex = 0) {
  for (let i = fromIndex; i < seen.length; ++i) {
    if (match(seen[i].event, seen[i].instances))
      return Promise.resolve(seen[i]);
  }
  return new Promise((resolve, reject) => {
    const w = { match, resolve };
    w.timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(w), 1);
      const raw = rawEvents.filter((e) => match(e, undefined)).length;
      reject(new Error(`no ${description} from ari-client within ${stepTimeoutMs} ms ` +
        `(raw socket saw ${raw} matching event(s))`));
    }, stepTimeoutMs);
    waiters.push(w);
  });
}
const ofType = (type, pred = () => true) => (e) => e.type === type && pred(e);
const chanId = (e) => e.channel && e.channel.id;

async function main() {
  log(`ari-client check against ${baseUrl}`);
  let client;
  let spy;

  const connected = await step('connect (load /ari/api-docs/resources.json + listings)', async () => {
    client = await ari.connect(baseUrl, user, password);
    const resources = Object.keys(client._swagger.apis);
    const eventModels = Object.keys(client._swagger.apis.events ? client._swagger.apis.events.models : {});
    return `resources: ${resources.join(',')}; event models: ${eventModels.length}`;
  });
  if (!connected) return;

  await step('events listing describes event types (models for StasisStart, PlaybackFinished ...)', async () => {
    const models = client._swagger.apis.events.models;
    const wanted = ['StasisStart', 'StasisEnd', 'ChannelStateChange', 'PlaybackStarted',
      'PlaybackFinished', 'RecordingStarted', 'RecordingFinished', 'ChannelEnteredBridge',
      'ChannelLeftBridge', 'ChannelHangupRequest', 'ChannelDestroyed', 'Dial'];
    const missing = wanted.filter((m) => !models[m]);
    if (missing.length)
      throw new Error(`events.json has models [${Object.keys(models).join(',')}]; missing: ${missing.join(',')}`);
    return `${Object.keys(models).length} models`;
  });

  let soundId = 'hello-world';
  await step('sounds.list', async () => {
    const sounds = await client.sounds.list();
    if (!Array.isArray(sounds) || sounds.length === 0) throw new Error('empty list');
    if (!sounds.some((s) => s.id === 'hello-world')) soundId = sounds[0].id;
    const one = sounds.find((s) => s.id === soundId);
    return `${sounds.length} sounds; using ${soundId} ${JSON.stringify(one.formats)}`;
  });
  await step('sounds.get', async () => {
    const s = await client.sounds.get({ soundId });
    if (s.id !== soundId) throw new Error(`got ${JSON.stringify(s)}`);
    return `id ${s.id}`;
  });

  await step('asterisk.getInfo', async () => {
    const info = await client.asterisk.getInfo();
    if (!info.system || !info.system.version) throw new Error(JSON.stringify(info));
    return `version ${info.system.version}, entity_id ${info.system.entity_id}`;
  });
  await step('asterisk.ping', async () => {
    const p = await client.asterisk.ping();
    if (p.ping !== 'pong') throw new Error(JSON.stringify(p));
    return 'pong';
  });

  spy = await openSpy();
  client.on('*', onClientEvent);
  await step(`start('${appName}') (WebSocket /ari/events)`, async () => {
    await client.start(appName);
    const apps = await client.applications.list();
    if (!apps.some((a) => a.name === appName)) throw new Error(`applications: ${apps.map((a) => a.name)}`);
    return `applications: ${apps.map((a) => a.name).join(',')}`;
  });

  // ---- caller enters the application
  let caller;
  let callerChannel;
  const callerOk = await step('StasisStart for a caller placed with POST /sim/calls', async () => {
    const placed = await sim('POST', `/calls?app=${appName}&args=305,x`);
    caller = placed.channel;
    const { event, instances } = await waitFor('StasisStart',
      ofType('StasisStart', (e) => chanId(e) === caller.id));
    callerChannel = instances;
    if (!callerChannel || typeof callerChannel.answer !== 'function')
      throw new Error('event has no Channel instance');
    return `channel ${caller.id} state ${event.channel.state} args ${JSON.stringify(event.args)}`;
  });
  if (!callerOk) {
    if (!callerChannel && caller) callerChannel = client.Channel(caller.id);
  }

  if (callerChannel) {
    await step('channel.answer + ChannelStateChange Up', async () => {
      const mark = seen.length;
      await callerChannel.answer();
      await waitFor('ChannelStateChange Up',
        ofType('ChannelStateChange', (e) => chanId(e) === caller.id && e.channel.state === 'Up'), mark);
      const got = await client.channels.get({ channelId: caller.id });
      return `state now ${got.state}`;
    });

    await step(`channel.play sound:${soundId} → PlaybackStarted/PlaybackFinished`, async () => {
      const playback = client.Playback();
      const instFinished = new Promise((resolve) => playback.once('PlaybackFinished', (e) => resolve(e)));
      const mark = seen.length;
      const reply = await callerChannel.play({ media: `sound:${soundId}` }, playback);
      if (reply.id !== playback.id) throw new Error(`reply id ${reply.id} != ${playback.id}`);
      await waitFor('PlaybackStarted', ofType('PlaybackStarted', (e) => e.playback.id === playback.id), mark);
      const { event } = await waitFor('PlaybackFinished',
        ofType('PlaybackFinished', (e) => e.playback.id === playback.id), mark);
      await Promise.race([instFinished, new Promise((_, rej) => setTimeout(
        () => rej(new Error('instance listener playback.once(PlaybackFinished) not called')), 1000))]);
      return `reply state ${reply.state}, finished state ${event.playback.state}`;
    });

    const recName = `check-rec-${Date.now()}`;
    await step('channel.record (wav, maxDurationSeconds 2) → RecordingFinished', async () => {
      const mark = seen.length;
      const live = client.LiveRecording(recName);
      const reply = await callerChannel.record({ name: recName, format: 'wav', maxDurationSeconds: 2, beep: true }, live);
      await sim('POST', `/calls/${encodeURIComponent(caller.id)}/talk?ms=1000`);
      await waitFor('RecordingStarted', ofType('RecordingStarted', (e) => e.recording.name === recName), mark);
      const { event } = await waitFor('RecordingFinished',
        ofType('RecordingFinished', (e) => e.recording.name === recName), mark);
      return `reply state ${reply.state}; finished ${JSON.stringify({ state: event.recording.state, duration: event.recording.duration })}`;
    });

    await step('recordings.listStored / getStored / getStoredFile', async () => {
      const stored = await client.recordings.listStored();
      const mine = stored.find((r) => r.name === recName);
      if (!mine) throw new Error(`not listed: ${JSON.stringify(stored)}`);
      const one = await client.recordings.getStored({ recordingName: recName });
      const file = await client.recordings.getStoredFile({ recordingName: recName });
      const head = Buffer.from(file).subarray(0, 4).toString('latin1');
      if (head !== 'RIFF') throw new Error(`file starts with ${JSON.stringify(head)} (${file.length} bytes)`);
      return `${stored.length} stored; ${one.name}.${one.format}; file ${file.length} bytes RIFF`;
    });
  }

  // ---- originate an outgoing leg into the same application
  let agent;
  await step('channels.originate PJSIP/1001 (endpoint set to answer) → StasisStart Up', async () => {
    await sim('PUT', '/endpoints/PJSIP/1001?behaviour=answer');
    const mark = seen.length;
    agent = client.Channel();
    const reply = await agent.originate({ endpoint: 'PJSIP/1001', app: appName, appArgs: 'agent', callerId: '"Check" <200>' });
    if (reply.id !== agent.id) throw new Error(`reply id ${reply.id} != generated ${agent.id}`);
    const { event } = await waitFor('StasisStart', ofType('StasisStart', (e) => chanId(e) === agent.id), mark);
    return `channel ${reply.name} ${agent.id} state ${event.channel.state} args ${JSON.stringify(event.args)}`;
  });

  let local;
  await step('client.channels.originate Local/100@check → StasisStart', async () => {
    const mark = seen.length;
    const reply = await client.channels.originate({ endpoint: 'Local/100@check', app: appName, appArgs: 'local' });
    local = reply;
    const { event } = await waitFor('StasisStart', ofType('StasisStart', (e) => chanId(e) === reply.id), mark);
    return `channel ${reply.name} state ${event.channel.state}`;
  });

  // ---- bridge
  let bridge;
  await step('bridge.create mixing + addChannel (2 channels) → ChannelEnteredBridge x2', async () => {
    bridge = client.Bridge();
    const created = await bridge.create({ type: 'mixing', name: 'check-bridge' });
    if (created.id !== bridge.id) throw new Error(`created ${created.id} != ${bridge.id}`);
    const members = [caller && caller.id, agent && agent.id].filter(Boolean);
    const mark = seen.length;
    await bridge.addChannel({ channel: members });
    for (const id of members) {
      await waitFor(`ChannelEnteredBridge ${id}`,
        ofType('ChannelEnteredBridge', (e) => chanId(e) === id && e.bridge.id === bridge.id), mark);
    }
    const got = await client.bridges.get({ bridgeId: bridge.id });
    return `${got.technology}/${got.bridge_class}, channels ${JSON.stringify(got.channels)}`;
  });

  await step(`bridge.play sound:${soundId} → PlaybackStarted/PlaybackFinished`, async () => {
    const playback = client.Playback();
    const mark = seen.length;
    const reply = await bridge.play({ media: `sound:${soundId}` }, playback);
    await waitFor('PlaybackStarted', ofType('PlaybackStarted', (e) => e.playback.id === playback.id), mark);
    const { event } = await waitFor('PlaybackFinished',
      ofType('PlaybackFinished', (e) => e.playback.id === playback.id), mark);
    return `target ${reply.target_uri}, finished ${event.playback.state}`;
  });

  // ---- hang up
  await step('agent channel.hangup → ChannelLeftBridge, StasisEnd, ChannelDestroyed', async () => {
    const mark = seen.length;
    await agent.hangup();
    const id = agent.id;
    await waitFor('ChannelHangupRequest', ofType('ChannelHangupRequest', (e) => chanId(e) === id), mark);
    await waitFor('ChannelLeftBridge', ofType('ChannelLeftBridge', (e) => chanId(e) === id), mark);
    await waitFor('StasisEnd', ofType('StasisEnd', (e) => chanId(e) === id), mark);
    const { event } = await waitFor('ChannelDestroyed', ofType('ChannelDestroyed', (e) => chanId(e) === id), mark);
    return `cause ${event.cause} ${event.cause_txt}`;
  });

  await step('caller hangs up (DELETE /sim/calls/{id}) → ChannelHangupRequest cause 16, StasisEnd', async () => {
    const mark = seen.length;
    await sim('DELETE', `/calls/${encodeURIComponent(caller.id)}`);
    const { event } = await waitFor('ChannelHangupRequest',
      ofType('ChannelHangupRequest', (e) => chanId(e) === caller.id), mark);
    await waitFor('ChannelLeftBridge', ofType('ChannelLeftBridge', (e) => chanId(e) === caller.id), mark);
    await waitFor('StasisEnd', ofType('StasisEnd', (e) => chanId(e) === caller.id), mark);
    return `cause ${event.cause}`;
  });

  await step('Local channel.hangup via client.channels.hangup → StasisEnd + ChannelDestroyed', async () => {
    const mark = seen.length;
    await client.channels.hangup({ channelId: local.id, reason: 'normal' });
    await waitFor('StasisEnd', ofType('StasisEnd', (e) => chanId(e) === local.id), mark);
    await waitFor('ChannelDestroyed', ofType('ChannelDestroyed', (e) => chanId(e) === local.id), mark);
    return 'ok';
  });

  await step('hangup of a gone channel → 404 Channel not found', async () => {
    try {
      await client.channels.hangup({ channelId: local.id });
    } catch (err) {
      if (/Channel not found/.test(err.message)) return err.message;
      throw err;
    }
    throw new Error('no error');
  });

  await step('bridge.destroy + bridges.list', async () => {
    await bridge.destroy();
    const list = await client.bridges.list();
    if (list.some((b) => b.id === bridge.id)) throw new Error('still listed');
    return `${list.length} bridges left`;
  });

  await step('client.stop (socket closed, application gone)', async () => {
    await client.stop();
    for (let i = 0; i < 50; ++i) {
      const apps = await client.applications.list();
      if (!apps.some((a) => a.name === appName)) return 'gone';
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('application still listed');
  });
  spy.close();

  // ---- a monitoring client with subscribeAll=true (sees DeviceStateChanged too)
  await step('subscribeAll client: StasisStart + DeviceStateChanged delivered, no exception', async () => {
    const monitor = await ari.connect(baseUrl, user, password);
    const errorsBefore = asyncErrors.length;
    const got = [];
    monitor.on('*', (e) => got.push(e.type));
    await monitor.start('check-all', true);
    const placed = await sim('POST', '/calls?app=check-all&args=m');
    const until = Date.now() + stepTimeoutMs;
    while (Date.now() < until && !(got.includes('StasisStart') && got.includes('DeviceStateChanged'))
           && asyncErrors.length === errorsBefore)
      await new Promise((r) => setTimeout(r, 20));
    await sim('DELETE', `/calls/${encodeURIComponent(placed.channel.id)}`).catch(() => {});
    await new Promise((r) => setTimeout(r, 100));
    await monitor.stop();
    if (asyncErrors.length > errorsBefore)
      throw new Error(`ari-client threw: ${asyncErrors[errorsBefore].message.split('\n')[0]}`);
    if (!got.includes('StasisStart') || !got.includes('DeviceStateChanged'))
      throw new Error(`delivered: ${JSON.stringify(got)}`);
    return `delivered: ${[...new Set(got)].join(',')}`;
  });
}

main().catch((err) => record(`unexpected error in "${currentStep}"`, false, err.stack || String(err)))
  .finally(() => {
    for (const e of asyncErrors)
      record(`no exception inside ari-client (during "${e.step}")`, false, e.message.split('\n').slice(0, 3).join(' | '));
    const failed = results.filter((r) => !r.ok);
    log(`SUMMARY ${results.length - failed.length} passed, ${failed.length} failed`);
    const types = {};
    for (const e of rawEvents) types[e.type] = (types[e.type] || 0) + 1;
    log(`raw (subscribeAll) events seen: ${JSON.stringify(types)}`);
    process.exit(failed.length ? 1 : 0);
  });
