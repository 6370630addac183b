export { signTicket, verifyTicket, ticketSecret, type Ticket, type Right } from './tickets.ts'
