"""Adam without the per-step bookkeeping of ``torch.optim`` (private).

The networks here are small (a few hundred thousand weights), so a ``torch.optim.Adam``
step is dominated by its Python overhead: hooks, profiler records, per-parameter state
look-ups and one ``.item()`` per parameter for the step count (about 1 ms of the 1.5 ms
a step of the default denoiser takes; cProfile, yeast3). :class:`MultiTensorAdam` does
exactly the arithmetic of ``torch.optim.Adam(foreach=True)`` (and of ``AdamW``), op
for op and in the same order, and nothing else, so its weights are bit-identical
(``tests/test_diffusion.py`` checks it against torch's optimiser). Creating it also
avoids the ~2.5 s import of ``torch._dynamo`` that the first ``torch.optim`` optimiser
of a process triggers.
"""

from __future__ import annotations

import torch

__all__ = ["MultiTensorAdam"]


class MultiTensorAdam:
    """Adam (Kingma & Ba 2015) over a list of parameters, as ``torch.optim.Adam(foreach=True)``.

    Parameters
    ----------
    params : iterable of torch.Tensor
        The parameters (leaf tensors, all on one device with one dtype).
    lr : float
        Learning rate; :meth:`step` may override it for one step (annealing).
    betas : tuple of float, default=(0.9, 0.999)
    eps : float, default=1e-8
    weight_decay : float, default=0.0
    decoupled : bool, default=False
        ``True`` gives AdamW's decoupled weight decay (Loshchilov & Hutter 2019),
        ``False`` Adam's L2 term added to the gradient.

    Notes
    -----
    Parameters whose ``.grad`` is ``None`` at a step are skipped and keep their own
    step count, as in ``torch.optim``. No amsgrad, maximize, complex or capturable
    variants: the package uses none of them.

    References
    ----------
    .. [1] Kingma, D. P., Ba, J. (2015). Adam: A method for stochastic optimization. ICLR.
    .. [2] Loshchilov, I., Hutter, F. (2019). Decoupled weight decay regularization. ICLR.
    """

    def __init__(
        self, params, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False
    ):
        self.params = list(params)
        if not self.params:
            raise ValueError("MultiTensorAdam got an empty parameter list")
        self.lr = float(lr)
        self.beta1, self.beta2 = (float(b) for b in betas)
        self.eps = float(eps)
        self.weight_decay = float(weight_decay)
        self.decoupled = bool(decoupled)
        self.steps = [0] * len(self.params)
        self.exp_avgs = [_zeros_like(p) for p in self.params]
        self.exp_avg_sqs = [_zeros_like(p) for p in self.params]

    def zero_grad(self):
        """Drop the gradients (``set_to_none=True``, torch's default)."""
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self, lr=None):
        """One Adam step on the parameters that have a gradient.

        ``lr`` (optional) is this step's learning rate; the constructor's otherwise.
        """
        lr = self.lr if lr is None else float(lr)
        active = [i for i, p in enumerate(self.params) if p.grad is not None]
        if not active:
            return
        params = [self.params[i] for i in active]
        grads = [self.params[i].grad for i in active]
        exp_avgs = [self.exp_avgs[i] for i in active]
        exp_avg_sqs = [self.exp_avg_sqs[i] for i in active]
        for i in active:
            self.steps[i] += 1
        beta1, beta2 = self.beta1, self.beta2
        # From here on the ops, their order and their scalars are _multi_tensor_adam's
        # (torch/optim/adam.py, capturable=False): that is what makes the result
        # bit-identical. The step count is a float there (a float32 tensor's .item()).
        if self.weight_decay != 0:
            if self.decoupled:
                torch._foreach_mul_(params, 1 - lr * self.weight_decay)
            else:
                grads = torch._foreach_add(grads, params, alpha=self.weight_decay)
        torch._foreach_lerp_(exp_avgs, grads, 1 - beta1)
        torch._foreach_mul_(exp_avg_sqs, beta2)
        torch._foreach_addcmul_(exp_avg_sqs, grads, grads, 1 - beta2)
        counts = [float(self.steps[i]) for i in active]
        bias_correction1 = [1 - beta1**c for c in counts]
        bias_correction2 = [1 - beta2**c for c in counts]
        step_size = [(lr / bc) * -1 for bc in bias_correction1]
        bias_correction2_sqrt = [bc**0.5 for bc in bias_correction2]
        denominator = torch._foreach_sqrt(exp_avg_sqs)
        torch._foreach_div_(denominator, bias_correction2_sqrt)
        torch._foreach_add_(denominator, self.eps)
        torch._foreach_addcdiv_(params, exp_avgs, denominator, step_size)


def _zeros_like(param):
    return torch.zeros_like(param, memory_format=torch.preserve_format)
