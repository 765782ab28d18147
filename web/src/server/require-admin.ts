import type { FastifyRequest } from 'fastify';
import { AppError } from '@earshot/db';

export function requireAdmin(request: FastifyRequest): void {
  if (request.user?.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins can do this; ask an admin.');
}
