/**
 * The baseline for `npm run bench:chat`: the smallest botbuilder bot (CloudAdapter + an
 * ActivityHandler that echoes), on restify like ours, with the same Server-Timing header.
 * Run as its own process; prints "listening <port>" when ready.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler().onMessage(async (turn, next) => {
  await turn.sendActivity(`You said: ${turn.activity.text}`);
  await next();
});

const server = restify.createServer();
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
server.post('/api/messages', async (req, res) => {
  const started = performance.now();
  const status = res.status.bind(res);
  // CloudAdapter sets the status once the turn is over, just before it answers: stamp the time then.
  res.status = (code: number) => {
    res.header('Server-Timing', `turn;dur=${(performance.now() - started).toFixed(2)}`);
    return status(code);
  };
  await adapter.process(req, res, (turn) => bot.run(turn));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${String(server.address().port)}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
