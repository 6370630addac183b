/**
 * A real SMTP server process for tests: accepts every message on PORT and prints it, parsed, as one
 * JSON line on stdout ({ to, subject, text, html }). Tests start it, kill it (SMTP down) and restart it.
 */
import { SMTPServer } from 'smtp-server'
import { simpleParser } from 'mailparser'

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream).then((mail) => {
      const to = session.envelope.rcptTo.map((r) => r.address)
      process.stdout.write(JSON.stringify({ to, subject: mail.subject, text: mail.text, html: mail.html || null }) + '\n')
      callback()
    }, callback)
  },
})
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('READY\n'))
