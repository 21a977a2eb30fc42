#!/bin/sh
# A ready hook: creates the queue the test expects before its first call, through the SQS query
# API with busybox's wget (the image has no AWS CLI).
set -e
wget -q -O - --header 'Content-Type: application/x-www-form-urlencoded' \
  --post-data 'Action=CreateQueue&QueueName=orders-from-init&Version=2012-11-05' "$AWS_ENDPOINT_URL/"
echo
echo "created orders-from-init"
