import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { PointMap } from './point-map';

describe('PointMap', () => {
  it('is a picture named by its address, with nothing to tab to', () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise(() => undefined)),
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { container } = render(
      <QueryClientProvider client={client}>
        <PointMap latitude={43.6047} longitude={1.4442} label="1 place du Capitole, 31000 Toulouse" />
      </QueryClientProvider>,
    );
    expect(screen.getByRole('img', { name: '1 place du Capitole, 31000 Toulouse' })).toBeTruthy();
    expect(container.querySelector('.leaflet-container')).not.toBeNull();
    expect(container.querySelectorAll('[tabindex="0"], a[href], button')).toHaveLength(0);
    vi.unstubAllGlobals();
  });
});
