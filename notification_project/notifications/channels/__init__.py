"""The channels a notice can leave by besides the inbox: e-mail, SMS and Web Push.

Each channel is a ``ChannelSender`` (``send(delivery)``) behind one Celery task
(``tasks.delivery_send_task``): a send is planned as a ``Delivery`` row in the
transaction that stored the notice, and sent after commit, one task per row, so
one channel's outage never blocks or repeats another's.
"""
