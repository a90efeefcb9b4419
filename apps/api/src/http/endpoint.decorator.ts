import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put, SetMetadata } from '@nestjs/common';
import { fullPath, type RouteContract } from '@lieux/contracts';

export const ROUTE_CONTRACT = 'lieux:route-contract';

const METHODS = { get: Get, post: Post, put: Put, patch: Patch, delete: Delete };

/**
 * Binds a handler to its contract in `@lieux/contracts`: the path, the status, who may call it and the
 * schemas that validate its input all come from there, as does the OpenAPI document.
 */
export function Endpoint(contract: RouteContract) {
  const path = fullPath(contract).replace(/\{(\w+)\}/g, ':$1');
  return applyDecorators(
    METHODS[contract.method](path),
    HttpCode(contract.status),
    SetMetadata(ROUTE_CONTRACT, contract),
  );
}
